//! File objects returned by `open()`: text or binary, read/write/append.

use std::cell::RefCell;
use std::rc::Rc;

pub enum FileHandle {
    Closed,
    Reader(std::io::BufReader<std::fs::File>),
    Writer(std::io::BufWriter<std::fs::File>),
    /// `sys.stdout`: writes go through the VM's buffered stdout.
    Stdout,
    /// `sys.stderr`: unbuffered; flushes stdout first so output interleaves.
    Stderr,
    /// `sys.stdin`.
    Stdin,
}

pub struct FileObject {
    pub name: String,
    pub mode: String,
    pub binary: bool,
    pub handle: RefCell<FileHandle>,
    /// Text read but not yet consumed (for readline over a buffered reader).
    pub pending: RefCell<Vec<u8>>,
}

impl FileObject {
    pub fn new(name: String, mode: String, binary: bool, handle: FileHandle) -> Rc<FileObject> {
        Rc::new(FileObject {
            name,
            mode,
            binary,
            handle: RefCell::new(handle),
            pending: RefCell::new(Vec::new()),
        })
    }

    pub fn is_closed(&self) -> bool {
        matches!(*self.handle.borrow(), FileHandle::Closed)
    }
}
