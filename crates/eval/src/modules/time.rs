//! `time`: clocks, `sleep`, and the calendar functions over the C library
//! (`localtime_r`, `gmtime_r`, `mktime`, `strftime`), as CPython's
//! `Modules/timemodule.c` uses them, so time zones and formatting agree
//! with CPython on the same machine. `strptime` is pylib's `_strptime`.

use std::rc::Rc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::{structseq, ModuleObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("time", time),
    ("time_ns", time_ns),
    ("perf_counter", perf_counter),
    ("perf_counter_ns", perf_counter_ns),
    ("monotonic", perf_counter),
    ("monotonic_ns", perf_counter_ns),
    ("process_time", process_time),
    ("process_time_ns", process_time_ns),
    ("thread_time", thread_time),
    ("thread_time_ns", thread_time_ns),
    ("sleep", sleep),
    ("gmtime", gmtime),
    ("localtime", localtime),
    ("mktime", mktime),
    ("strftime", strftime),
    ("asctime", asctime),
    ("ctime", ctime),
    ("strptime", strptime),
];

const FIELDS: [&str; 11] = [
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let struct_time = structseq::new_type(vm, "time", "struct_time", &FIELDS, 9)?;
    vm.struct_time = Some(struct_time.clone());
    // SAFETY: tzset only reads the TZ environment variable and sets the C
    // library's time-zone globals; pyvm is single-threaded.
    unsafe { tzset() };
    let (timezone, altzone, daylight, names) = zone_info();
    Ok(super::make_module(
        vm,
        "time",
        "This module provides various functions to manipulate time values.",
        FUNCTIONS,
        vec![
            ("struct_time", Value::Type(struct_time)),
            ("timezone", Value::Int(timezone)),
            ("altzone", Value::Int(altzone)),
            ("daylight", Value::Int(daylight)),
            (
                "tzname",
                Value::tuple(vec![Value::str(&names.0), Value::str(&names.1)]),
            ),
        ],
    ))
}

extern "C" {
    /// POSIX; not exported by the libc crate on every target.
    fn tzset();
}

/// `timezone`, `altzone`, `daylight` and `tzname` the way CPython's
/// `init_timezone` computes them: from the offsets in January and July.
fn zone_info() -> (i64, i64, i64, (String, String)) {
    let year_start = {
        let now = now_secs() as libc::time_t;
        let tm = to_tm(now, false).unwrap_or_else(zeroed_tm);
        let mut jan = zeroed_tm();
        jan.tm_year = tm.tm_year;
        jan.tm_mday = 1;
        jan.tm_isdst = -1;
        // SAFETY: `jan` is a valid, initialised tm; mktime only writes it.
        unsafe { libc::mktime(&mut jan) }
    };
    let jan = to_tm(year_start, false).unwrap_or_else(zeroed_tm);
    let jul = to_tm(year_start + 183 * 86400, false).unwrap_or_else(zeroed_tm);
    let (jan_off, jul_off) = (-jan.tm_gmtoff, -jul.tm_gmtoff);
    let (jan_name, jul_name) = (zone_name(&jan), zone_name(&jul));
    if jan_off < jul_off {
        // Southern hemisphere: DST is in January.
        (
            jul_off,
            jan_off,
            i64::from(jan_off != jul_off),
            (jul_name, jan_name),
        )
    } else {
        (
            jan_off,
            jul_off,
            i64::from(jan_off != jul_off),
            (jan_name, jul_name),
        )
    }
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: libc::tm is plain data; all-zero is a valid value (tm_zone null).
    unsafe { std::mem::zeroed() }
}

fn zone_name(tm: &libc::tm) -> String {
    if tm.tm_zone.is_null() {
        return String::new();
    }
    // SAFETY: a non-null tm_zone set by localtime_r points to a
    // NUL-terminated string owned by the C library that outlives this call.
    unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
        .to_string_lossy()
        .into_owned()
}

/// `localtime_r`/`gmtime_r`, or None when the C library cannot represent it.
fn to_tm(t: libc::time_t, utc: bool) -> Option<libc::tm> {
    let mut tm = zeroed_tm();
    // SAFETY: both pointers are valid for the call; the functions are the
    // re-entrant variants and write only `tm`.
    let r = unsafe {
        if utc {
            libc::gmtime_r(&t, &mut tm)
        } else {
            libc::localtime_r(&t, &mut tm)
        }
    };
    (!r.is_null()).then_some(tm)
}

fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn no_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<()> {
    args.unpack(vm, name, 0, 0).map(|_| ())
}

fn time(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "time")?;
    Ok(Value::Float(now_secs()))
}

fn time_ns(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "time_ns")?;
    let ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok(Value::Int(ns as i64))
}

/// One process-wide origin for the monotonic clocks.
fn monotonic_elapsed() -> Duration {
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn perf_counter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "perf_counter")?;
    Ok(Value::Float(monotonic_elapsed().as_secs_f64()))
}

fn perf_counter_ns(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "perf_counter_ns")?;
    Ok(Value::Int(monotonic_elapsed().as_nanos() as i64))
}

fn cpu_clock(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write; the clock ids are constants.
    let r = unsafe { libc::clock_gettime(clock, &mut ts) };
    if r != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn process_time(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "process_time")?;
    Ok(Value::Float(
        cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID).as_secs_f64(),
    ))
}

fn process_time_ns(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "process_time_ns")?;
    Ok(Value::Int(
        cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID).as_nanos() as i64,
    ))
}

fn thread_time(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "thread_time")?;
    Ok(Value::Float(
        cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID).as_secs_f64(),
    ))
}

fn thread_time_ns(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, &args, "thread_time_ns")?;
    Ok(Value::Int(
        cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID).as_nanos() as i64,
    ))
}

fn sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "sleep")?;
    let secs = match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        other => match crate::modules::math::to_f64(vm, other) {
            Ok(f) => f,
            Err(_) => {
                let t = vm.type_name(other);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        },
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    vm.stdout.flush();
    // Short slices, so that Ctrl-C interrupts a long sleep promptly.
    let deadline = std::time::Instant::now() + Duration::from_secs_f64(secs.min(1e9));
    loop {
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(Value::None);
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(20)));
        if crate::signals::take_interrupt() {
            return Err(crate::signals::keyboard_interrupt(vm));
        }
    }
}

/// The seconds argument of gmtime/localtime/ctime: now if absent or None.
fn seconds_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<libc::time_t> {
    let a = args.unpack(vm, name, 0, 1)?;
    match a.first() {
        None | Some(Value::None) => Ok(now_secs().floor() as libc::time_t),
        Some(v) => {
            let f = match v {
                Value::Int(i) => return Ok(*i as libc::time_t),
                other => crate::modules::math::to_f64(vm, other)?,
            };
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            if !f.is_finite() || f.abs() > 1e18 {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(f.trunc() as libc::time_t)
        }
    }
}

fn struct_time_type(vm: &mut Vm) -> PyResult<Rc<TypeObject>> {
    if let Some(t) = &vm.struct_time {
        return Ok(t.clone());
    }
    vm.import_absolute("time")?;
    vm.struct_time
        .clone()
        .ok_or_else(|| vm.system_error("time.struct_time is not initialised"))
}

fn tm_to_value(vm: &mut Vm, tm: &libc::tm) -> PyResult<Value> {
    let cls = struct_time_type(vm)?;
    let values = vec![
        Value::Int(i64::from(tm.tm_year) + 1900),
        Value::Int(i64::from(tm.tm_mon) + 1),
        Value::Int(i64::from(tm.tm_mday)),
        Value::Int(i64::from(tm.tm_hour)),
        Value::Int(i64::from(tm.tm_min)),
        Value::Int(i64::from(tm.tm_sec)),
        // C counts weekdays from Sunday, Python from Monday.
        Value::Int((i64::from(tm.tm_wday) + 6) % 7),
        Value::Int(i64::from(tm.tm_yday) + 1),
        Value::Int(i64::from(tm.tm_isdst)),
        Value::str(&zone_name(tm)),
        Value::Int(tm.tm_gmtoff),
    ];
    Ok(structseq::new_value(&cls, values))
}

fn convert(vm: &mut Vm, args: Args, name: &str, utc: bool) -> PyResult<Value> {
    let t = seconds_arg(vm, &args, name)?;
    match to_tm(t, utc) {
        Some(tm) => tm_to_value(vm, &tm),
        None => Err(conversion_error(vm)),
    }
}

/// The C library could not convert a timestamp: CPython raises OSError
/// with its errno (EOVERFLOW: "Value too large for defined data type").
fn conversion_error(vm: &mut Vm) -> crate::error::PyErr {
    let errno = std::io::Error::last_os_error()
        .raw_os_error()
        .filter(|e| *e != 0)
        .unwrap_or(libc::EOVERFLOW);
    crate::modules::posix::os_error(vm, errno, None)
}

fn gmtime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    convert(vm, args, "gmtime", true)
}

fn localtime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    convert(vm, args, "localtime", false)
}

/// A struct_time or 9-tuple as a C `tm` (`gettmarg`).
fn tm_from_value(vm: &mut Vm, v: &Value, name: &str) -> PyResult<libc::tm> {
    // A tuple, or a tuple subclass such as struct_time.
    let items = match crate::slots::instance_base(v).as_ref().unwrap_or(v) {
        Value::Tuple(t) => t.items.to_vec(),
        _ => return Err(vm.type_error("Tuple or struct_time argument required")),
    };
    if items.len() != 9 {
        return Err(vm.type_error(format!("{name}(): illegal time tuple argument")));
    }
    let mut f = [0i64; 9];
    for (slot, v) in f.iter_mut().zip(&items) {
        *slot = vm.index_value(v)?;
    }
    let mut tm = zeroed_tm();
    let c = |x: i64| x.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    tm.tm_year = c(f[0] - 1900);
    tm.tm_mon = c(f[1] - 1);
    tm.tm_mday = c(f[2]);
    tm.tm_hour = c(f[3]);
    tm.tm_min = c(f[4]);
    tm.tm_sec = c(f[5]);
    tm.tm_wday = c((f[6] + 1) % 7);
    tm.tm_yday = c(f[7] - 1);
    tm.tm_isdst = c(f[8]);
    Ok(tm)
}

fn mktime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "mktime")?;
    let mut tm = tm_from_value(vm, v, "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid tm; mktime normalises it in place.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(Value::Float(t as f64))
}

/// The time tuple argument of strftime/asctime, or the local time now.
fn time_arg(vm: &mut Vm, v: Option<&Value>, name: &str) -> PyResult<libc::tm> {
    match v {
        None => {
            let now = now_secs().floor() as libc::time_t;
            Ok(to_tm(now, false).unwrap_or_else(zeroed_tm))
        }
        Some(v) => {
            let tm = tm_from_value(vm, v, name)?;
            check_tm(vm, &tm)?;
            Ok(tm)
        }
    }
}

/// `checktm`: the ranges CPython enforces before formatting.
fn check_tm(vm: &mut Vm, tm: &libc::tm) -> PyResult<()> {
    let checks = [
        (tm.tm_mon < 0 || tm.tm_mon > 11, "month out of range"),
        (
            tm.tm_mday < 0 || tm.tm_mday > 31,
            "day of month out of range",
        ),
        (tm.tm_hour < 0 || tm.tm_hour > 23, "hour out of range"),
        (tm.tm_min < 0 || tm.tm_min > 59, "minute out of range"),
        (tm.tm_sec < 0 || tm.tm_sec > 61, "seconds out of range"),
        (tm.tm_wday < 0, "day of week out of range"),
        (
            tm.tm_yday < 0 || tm.tm_yday > 365,
            "day of year out of range",
        ),
    ];
    for (bad, msg) in checks {
        if bad {
            return Err(vm.value_error(msg));
        }
    }
    Ok(())
}

fn strftime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "strftime", 1, 2)?;
    let Value::Str(fmt) = &a[0] else {
        let t = vm.type_name(&a[0]);
        return Err(vm.type_error(format!("strftime() argument 1 must be str, not {t}")));
    };
    let mut tm = time_arg(vm, a.get(1), "strftime")?;
    // Normalise out-of-range fields as CPython does before formatting.
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    }
    tm.tm_isdst = tm.tm_isdst.clamp(-1, 1);
    let fmt = fmt.to_string();
    if fmt.is_empty() {
        return Ok(Value::str(""));
    }
    let Ok(cfmt) = std::ffi::CString::new(fmt.clone()) else {
        return Err(vm.value_error("embedded null character"));
    };
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` writable bytes, `cfmt` is NUL-terminated
        // and `tm` is a valid tm; strftime writes at most `size` bytes.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, cfmt.as_ptr(), &tm) };
        if n > 0 || size >= 256 * fmt.len() {
            buf.truncate(n);
            return Ok(Value::str(&String::from_utf8_lossy(&buf)));
        }
        size *= 2;
    }
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Sun Jun 20 23:21:05 1993`, as CPython formats it itself.
fn format_asctime(tm: &libc::tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        i64::from(tm.tm_year) + 1900
    )
}

fn asctime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "asctime", 0, 1)?;
    let tm = time_arg(vm, a.first(), "asctime")?;
    Ok(Value::str(&format_asctime(&tm)))
}

fn ctime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = seconds_arg(vm, &args, "ctime")?;
    match to_tm(t, false) {
        Some(tm) => Ok(Value::str(&format_asctime(&tm))),
        None => Err(conversion_error(vm)),
    }
}

/// `time.strptime`: CPython delegates to `_strptime._strptime_time`, which
/// pylib provides.
fn strptime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let module = vm.import_absolute("_strptime")?;
    let f = vm.get_attr_opt(&module, "_strptime_time")?;
    match f {
        Some(f) => vm.call_args(&f, args),
        None => Err(vm.system_error("_strptime._strptime_time is missing")),
    }
}
