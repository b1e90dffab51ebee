//! `open()` and file objects: text (UTF-8) and binary, read/write/append,
//! line iteration, and use as a context manager.

use std::io::{BufRead, Read, Write};
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::file::{FileHandle, FileObject};
use crate::objects::function::NativeFn;
use crate::objects::BytesObject;
use crate::value::Value;
use crate::vm::Vm;

fn os_error(vm: &mut Vm, e: &std::io::Error, path: &str) -> crate::error::PyErr {
    crate::modules::posix::io_error(vm, e, Some(path))
}

pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [file, mode, _buffering, encoding] =
        args.bind(vm, "open", ["file", "mode", "buffering", "encoding"], 0, 1)?;
    let path = match &file {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {t}"
            )));
        }
        None => String::new(),
    };
    let mode = match &mode {
        Some(Value::Str(m)) => m.to_string(),
        None => "r".to_string(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("open() argument 'mode' must be str, not {t}")));
        }
    };
    let _ = encoding;
    let binary = mode.contains('b');
    let plus = mode.contains('+');
    let mut opts = std::fs::OpenOptions::new();
    let kind = mode.chars().find(|c| "rwax".contains(*c)).unwrap_or('r');
    match kind {
        'r' => {
            opts.read(true).write(plus);
        }
        'w' => {
            opts.write(true).create(true).truncate(true).read(plus);
        }
        'a' => {
            opts.append(true).create(true).read(plus);
        }
        _ => {
            opts.write(true).create_new(true).read(plus);
        }
    }
    if mode.chars().any(|c| !"rwaxbt+".contains(c)) {
        return Err(vm.value_error(format!("invalid mode: '{mode}'")));
    }
    let f = opts.open(&path).map_err(|e| os_error(vm, &e, &path))?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(vm.new_error_args(
            "IsADirectoryError",
            vec![
                Value::Int(21),
                Value::str("Is a directory"),
                Value::str(&path),
            ],
        ));
    }
    let handle = if kind == 'r' {
        FileHandle::Reader(std::io::BufReader::new(f))
    } else {
        FileHandle::Writer(std::io::BufWriter::new(f))
    };
    Ok(Value::File(FileObject::new(path, mode, binary, handle)))
}

fn this(args: &Args) -> Option<Rc<FileObject>> {
    match &args.values[0] {
        Value::File(f) => Some(f.clone()),
        _ => None,
    }
}

fn closed_error(vm: &mut Vm) -> crate::error::PyErr {
    vm.value_error("I/O operation on closed file.")
}

pub fn write_text(vm: &mut Vm, f: &FileObject, text: &str) -> PyResult<()> {
    match &mut *f.handle.borrow_mut() {
        FileHandle::Writer(w) => w
            .write_all(text.as_bytes())
            .map_err(|e| vm.new_error("OSError", e.to_string())),
        FileHandle::Stdout => {
            vm.stdout.write_str(text);
            Ok(())
        }
        FileHandle::Stderr => {
            vm.stdout.flush();
            eprint!("{text}");
            Ok(())
        }
        FileHandle::Closed => Err(vm.value_error("I/O operation on closed file.")),
        FileHandle::Reader(_) | FileHandle::Stdin => {
            Err(vm.new_error("UnsupportedOperation", "not writable"))
        }
    }
}

fn as_result(vm: &mut Vm, f: &FileObject, bytes: Vec<u8>) -> Value {
    if f.binary {
        Value::Bytes(BytesObject::new(bytes))
    } else {
        let _ = vm;
        Value::str(&String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
    }
}

fn read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(f) = this(&args) else {
        return Ok(Value::None);
    };
    let a = args.skip_self().unpack(vm, "read", 0, 1)?;
    let limit = match a.first() {
        None | Some(Value::None) => -1,
        Some(v) => vm.index_value(v)?,
    };
    let mut buf = std::mem::take(&mut *f.pending.borrow_mut());
    match &mut *f.handle.borrow_mut() {
        FileHandle::Reader(r) => {
            if limit < 0 {
                r.read_to_end(&mut buf)
                    .map_err(|e| vm.new_error("OSError", e.to_string()))?;
            } else {
                let mut chunk = vec![0; limit as usize];
                let n = r
                    .read(&mut chunk)
                    .map_err(|e| vm.new_error("OSError", e.to_string()))?;
                buf.extend_from_slice(&chunk[..n]);
            }
        }
        FileHandle::Stdin => {
            vm.stdout.flush();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| vm.new_error("OSError", e.to_string()))?;
        }
        FileHandle::Closed => return Err(closed_error(vm)),
        FileHandle::Writer(_) | FileHandle::Stdout | FileHandle::Stderr => {
            return Err(vm.new_error("UnsupportedOperation", "not readable"))
        }
    }
    Ok(as_result(vm, &f, buf))
}

fn read_line(vm: &mut Vm, f: &FileObject) -> PyResult<Vec<u8>> {
    let mut line = std::mem::take(&mut *f.pending.borrow_mut());
    match &mut *f.handle.borrow_mut() {
        FileHandle::Reader(r) => {
            if !line.contains(&b'\n') {
                r.read_until(b'\n', &mut line)
                    .map_err(|e| vm.new_error("OSError", e.to_string()))?;
            }
        }
        FileHandle::Stdin => {
            vm.stdout.flush();
            std::io::stdin()
                .lock()
                .read_until(b'\n', &mut line)
                .map_err(|e| vm.new_error("OSError", e.to_string()))?;
        }
        FileHandle::Closed => return Err(closed_error(vm)),
        FileHandle::Writer(_) | FileHandle::Stdout | FileHandle::Stderr => {
            return Err(vm.new_error("UnsupportedOperation", "not readable"))
        }
    }
    Ok(line)
}

fn readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(f) = this(&args) else {
        return Ok(Value::None);
    };
    let line = read_line(vm, &f)?;
    Ok(as_result(vm, &f, line))
}

fn readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(f) = this(&args) else {
        return Ok(Value::None);
    };
    let mut out = Vec::new();
    loop {
        let line = read_line(vm, &f)?;
        if line.is_empty() {
            break;
        }
        out.push(as_result(vm, &f, line));
    }
    Ok(Value::list(out))
}

/// `next(file)`: one line, `None` at end of file.
pub fn next_line(vm: &mut Vm, f: &Rc<FileObject>) -> PyResult<Option<Value>> {
    let line = read_line(vm, f)?;
    if line.is_empty() {
        return Ok(None);
    }
    Ok(Some(as_result(vm, f, line)))
}

fn write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(f) = this(&args) else {
        return Ok(Value::None);
    };
    let x = args.skip_self().one(vm, "write")?;
    match (x, f.binary) {
        (Value::Str(s), false) => {
            let text = s.to_string();
            write_text(vm, &f, &text)?;
            Ok(Value::from(s.len()))
        }
        (Value::Bytes(b) | Value::ByteArray(b), true) => {
            let data = b.to_vec();
            match &mut *f.handle.borrow_mut() {
                FileHandle::Writer(w) => w
                    .write_all(&data)
                    .map_err(|e| vm.new_error("OSError", e.to_string()))?,
                _ => return Err(closed_error(vm)),
            }
            Ok(Value::from(data.len()))
        }
        (other, false) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("write() argument must be str, not {t}")))
        }
        (other, true) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")))
        }
    }
}

fn writelines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let lines = args.skip_self().one(vm, "writelines")?.clone();
    for line in vm.collect(&lines)? {
        write(vm, Args::new(&[args.values[0].clone(), line]))?;
    }
    Ok(Value::None)
}

fn close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(f) = this(&args) else {
        return Ok(Value::None);
    };
    let old = std::mem::replace(&mut *f.handle.borrow_mut(), FileHandle::Closed);
    if let FileHandle::Writer(mut w) = old {
        w.flush()
            .map_err(|e| vm.new_error("OSError", e.to_string()))?;
    }
    Ok(Value::None)
}

fn flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(f) = this(&args) {
        flush_file(vm, &f)?;
    }
    Ok(Value::None)
}

/// Write out what `f` has buffered.
pub fn flush_file(vm: &mut Vm, f: &FileObject) -> PyResult<()> {
    match &mut *f.handle.borrow_mut() {
        FileHandle::Writer(w) => w
            .flush()
            .map_err(|e| vm.new_error("OSError", e.to_string()))?,
        FileHandle::Stdout => vm.stdout.flush(),
        _ => {}
    }
    Ok(())
}

/// `f.tell()`: the byte offset (CPython's text-mode cookie is the same for
/// UTF-8 text read without pending decoder state).
fn tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use std::io::Seek;
    let Some(f) = this(&args) else {
        return Err(vm.type_error("descriptor 'tell' requires a file object"));
    };
    let pending = f.pending.borrow().len() as u64;
    let pos = match &mut *f.handle.borrow_mut() {
        FileHandle::Closed => None,
        FileHandle::Reader(r) => Some(r.stream_position().map(|p| p - pending)),
        FileHandle::Writer(w) => Some(w.stream_position()),
        FileHandle::Stdout | FileHandle::Stderr | FileHandle::Stdin => {
            Some(Err(std::io::Error::other("[Errno 29] Illegal seek")))
        }
    };
    match pos {
        None => Err(closed_error(vm)),
        Some(Ok(p)) => Ok(Value::Int(p as i64)),
        Some(Err(e)) => Err(vm.new_error("OSError", e.to_string())),
    }
}

/// `f.seek(offset, whence=0)`.
fn seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use std::io::{Seek, SeekFrom};
    let Some(f) = this(&args) else {
        return Err(vm.type_error("descriptor 'seek' requires a file object"));
    };
    let a = args.skip_self().unpack(vm, "seek", 1, 2)?;
    let offset = vm.index_value(&a[0])?;
    let whence = match a.get(1) {
        Some(w) => vm.index_value(w)?,
        None => 0,
    };
    if !f.binary && ((whence == 1 || whence == 2) && offset != 0) {
        let msg = if whence == 1 {
            "can't do nonzero cur-relative seeks"
        } else {
            "can't do nonzero end-relative seeks"
        };
        return Err(vm.new_error("UnsupportedOperation", msg));
    }
    let target = match whence {
        0 if offset < 0 => {
            return Err(vm.new_error("ValueError", format!("negative seek position {offset}")))
        }
        0 => SeekFrom::Start(offset as u64),
        1 => SeekFrom::Current(offset),
        2 => SeekFrom::End(offset),
        _ => {
            return Err(vm.new_error(
                "ValueError",
                format!("invalid whence ({whence}, should be 0, 1 or 2)"),
            ))
        }
    };
    let pending = std::mem::take(&mut *f.pending.borrow_mut()).len() as i64;
    let r = match &mut *f.handle.borrow_mut() {
        FileHandle::Closed => None,
        FileHandle::Reader(r) => Some(match target {
            SeekFrom::Current(n) => r.seek(SeekFrom::Current(n - pending)),
            t => r.seek(t),
        }),
        FileHandle::Writer(w) => Some(w.seek(target)),
        FileHandle::Stdout | FileHandle::Stderr | FileHandle::Stdin => Some(Err(
            std::io::Error::other("underlying stream is not seekable"),
        )),
    };
    match r {
        None => Err(closed_error(vm)),
        Some(Ok(p)) => Ok(Value::Int(p as i64)),
        Some(Err(e)) => Err(vm.new_error("OSError", e.to_string())),
    }
}

fn enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(f) = this(&args) {
        if f.is_closed() {
            return Err(closed_error(vm));
        }
    }
    Ok(args.values[0].clone())
}

fn exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    close(vm, Args::new(&args.values[..1]))?;
    Ok(Value::None)
}

fn readable(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(this(&args).is_some_and(|f| {
        matches!(*f.handle.borrow(), FileHandle::Reader(_))
    })))
}

fn writable(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(this(&args).is_some_and(|f| {
        matches!(*f.handle.borrow(), FileHandle::Writer(_))
    })))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__enter__", enter),
    ("__exit__", exit),
    ("close", close),
    ("flush", flush),
    ("read", read),
    ("readable", readable),
    ("readline", readline),
    ("readlines", readlines),
    ("seek", seek),
    ("tell", tell),
    ("writable", writable),
    ("write", write),
    ("writelines", writelines),
];
