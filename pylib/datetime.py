"""Dates and times (pyvm's implementation of the datetime module).

Provides date, time, datetime, timedelta, tzinfo, timezone (with
timezone.utc), MINYEAR and MAXYEAR with the semantics, reprs and error
messages of CPython 3.10's C module _datetime: argument checking, arithmetic
and comparisons, hashing, isoformat/fromisoformat, strftime (%f, %z and %Z
here, the rest by time.strftime) and strptime (the _strptime module),
timestamps and local time through the time module (with PEP 495 fold
detection), isocalendar and fromisocalendar, pickling state.

Differences from CPython: the classes are Python classes, so messages that
the VM builds from a type's name (unsupported operands, unknown attributes)
say 'date' where CPython says 'datetime.date', and methods without
parameters called with arguments give Python's message ("takes 1 positional
argument but 2 were given") rather than the C one ("takes no arguments").
The constructors, replace(), isoformat(), strftime() and the other methods
with parameters check their arguments with the C module's messages.
"""

import time as _time
import math as _math
import sys

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo",
           "MINYEAR", "MAXYEAR")

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059  # date.max.toordinal()
_MAX_DELTA_DAYS = 999999999

# Month lengths and days before each month, in a non-leap year (index 0 unused).
_DAYS_IN_MONTH = (-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)

_MONTHNAMES = (None, "Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYNAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_month(year, month):
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _ymd2ord(year, month, day):
    """Proleptic Gregorian ordinal: 0001-01-01 is day 1."""
    return _days_before_year(year) + _days_before_month(year, month) + day


_DI400Y = 146097   # days in 400 years
_DI100Y = 36524    # days in 100 years
_DI4Y = 1461       # days in 4 years


def _ord2ymd(n):
    """(year, month, day) of the proleptic Gregorian ordinal n."""
    n -= 1
    n400, n = divmod(n, _DI400Y)
    year = n400 * 400 + 1
    n100, n = divmod(n, _DI100Y)
    n4, n = divmod(n, _DI4Y)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    return year, month, n - preceding + 1


def _iso_week1_monday(year):
    first_day = _ymd2ord(year, 1, 1)
    first_weekday = (first_day + 6) % 7
    week1monday = first_day - first_weekday
    if first_weekday > 3:
        week1monday += 7
    return week1monday


# --- argument handling, as PyArg_ParseTupleAndKeywords does it ---------------

_MISSING = object()


def _tpname(obj):
    """The type name CPython's C code shows: 'datetime.date' for the module's
    own classes, the bare name for others (subclasses included)."""
    t = type(obj)
    if t in _C_TYPES:
        return 'datetime.' + t.__name__
    return t.__name__


def _c_int(value):
    """A C int argument ('i'): an integer (through __index__) that fits."""
    if type(value) is not int:
        try:
            index = type(value).__index__
        except AttributeError:
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % _tpname(value)) from None
        value = index(value)
        if not isinstance(value, int):
            raise TypeError('__index__ returned non-int (type %s)' % _tpname(value))
        value = int(value)
    if -2147483648 <= value <= 2147483647:
        return value
    if not -9223372036854775808 <= value <= 9223372036854775807:
        raise OverflowError('Python int too large to convert to C long')
    if value > 0:
        raise OverflowError('signed integer is greater than maximum')
    raise OverflowError('signed integer is less than minimum')


def _parse_args(args, kwargs, names, kinds, nrequired, npositional, fname):
    """The values of the parameters `names` (kinds: 'i' C int, 'O' object)
    given positionally or by keyword; _MISSING for omitted optional ones.
    The messages are those of PyArg_ParseTupleAndKeywords."""
    nargs = len(args)
    nkw = len(kwargs) if kwargs else 0
    total = len(names)
    func = fname + '()' if fname else 'function'
    if nargs + nkw > total:
        raise TypeError('%s takes at most %d %sargument%s (%d given)'
                        % (func, total, 'keyword ' if nargs == 0 else '',
                           '' if total == 1 else 's', nargs + nkw))
    if nargs > npositional:
        raise TypeError('%s takes %s %d positional argument%s (%d given)'
                        % (func, 'at most' if nrequired < total else 'exactly',
                           npositional, '' if npositional == 1 else 's', nargs))
    values = []
    used = 0
    for i in range(total):
        if i < nargs:
            value = args[i]
        elif nkw and names[i] in kwargs:
            value = kwargs[names[i]]
            used += 1
        else:
            if i < nrequired:
                raise TypeError("%s missing required argument '%s' (pos %d)"
                                % (func, names[i], i + 1))
            values.append(_MISSING)
            continue
        if kinds[i] == 'i':
            value = _c_int(value)
        values.append(value)
    if used < nkw:
        for i in range(nargs):
            if names[i] in kwargs:
                raise TypeError("argument for %s given by name ('%s') and position (%d)"
                                % (func, names[i], i + 1))
        for key in kwargs:
            if key not in names:
                raise TypeError("'%s' is an invalid keyword argument for %s"
                                % (key, fname + '()' if fname else 'this function'))
    return values


def _parse_tuple(args, kwargs, count, fname):
    """The arguments of a method taking exactly `count` positional ones
    (PyArg_ParseTuple's messages)."""
    if kwargs:
        raise TypeError('%s() takes no keyword arguments' % fname)
    if len(args) != count:
        raise TypeError('%s() takes exactly %d argument%s (%d given)'
                        % (fname, count, '' if count == 1 else 's', len(args)))
    return args


def _check_date_fields(year, month, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError('day is out of range for month')


def _check_time_fields(hour, minute, second, microsecond, fold):
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold != 0 and fold != 1:
        raise ValueError('fold must be either 0 or 1')


def _check_tzinfo_arg(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, "
                        "not type '%s'" % _tpname(tz))


def _argtype(value):
    """How PyArg's conversion errors name an argument's type."""
    return 'None' if value is None else _tpname(value)


def _check_str_arg(value, fname, pos):
    if not isinstance(value, str):
        raise TypeError('%s() argument %d must be str, not %s'
                        % (fname, pos, _argtype(value)))


def _readonly(get, name, owner):
    """A read-only property (get reads the slot) with the message of a C
    getset without a setter."""
    message = "attribute '%s' of '%s' objects is not writable" % (name, owner)

    def refuse(self, value=None):
        raise AttributeError(message)

    return property(get, refuse, refuse)


def _readonly_member(get):
    """A read-only property with the message of a C read-only member."""
    def refuse(self, value=None):
        raise AttributeError('readonly attribute')

    return property(get, refuse, refuse)


# --- tzinfo calls -------------------------------------------------------------

def _call_offset(tz, name, arg):
    """tz.utcoffset(arg) or tz.dst(arg), checked: None or a timedelta
    strictly within a day."""
    if tz is None:
        return None
    offset = getattr(tz, name)(arg)
    if offset is None:
        return None
    if not isinstance(offset, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, _tpname(offset)))
    days = offset._days
    if days < -1 or days >= 1 or (days == -1 and offset._seconds == 0
                                  and offset._microseconds < 1):
        raise ValueError('offset must be a timedelta strictly between '
                         '-timedelta(hours=24) and timedelta(hours=24).')
    return offset


def _call_tzname(tz, arg):
    if tz is None:
        return None
    name = tz.tzname(arg)
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, not '%s'"
                        % _tpname(name))
    return name


def _format_offset(offset, sep):
    """+HH<sep>MM[<sep>SS[.ffffff]] of a timedelta offset ('' for None)."""
    if offset is None:
        return ''
    if offset._days < 0:
        sign = '-'
        offset = -offset
    else:
        sign = '+'
    microseconds = offset._microseconds
    minutes, seconds = divmod(offset._seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if microseconds:
        return '%c%02d%s%02d%s%02d.%06d' % (sign, hours, sep, minutes, sep,
                                             seconds, microseconds)
    if seconds:
        return '%c%02d%s%02d%s%02d' % (sign, hours, sep, minutes, sep, seconds)
    return '%c%02d%s%02d' % (sign, hours, sep, minutes)


def _format_time(hh, mm, ss, us, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    elif timespec == 'milliseconds':
        us //= 1000
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
    raise ValueError('Unknown timespec value')


def _wrap_strftime(obj, format, timetuple, tzinfoarg):
    """strftime with %z, %Z and %f done here and the rest by time.strftime."""
    if '\0' in format:
        format = format[:format.index('\0')]
    if '%' not in format:
        return _time.strftime(format, timetuple)
    parts = []
    zreplace = Zreplace = freplace = None
    i = 0
    n = len(format)
    start = 0
    while i < n:
        if format[i] != '%':
            i += 1
            continue
        if i + 1 >= n:
            break
        ch = format[i + 1]
        if ch == 'z' or ch == 'Z' or ch == 'f':
            parts.append(format[start:i])
            if ch == 'z':
                if zreplace is None:
                    tz = getattr(obj, '_tzinfo', None)
                    zreplace = ''
                    if tz is not None:
                        zreplace = _format_offset(_call_offset(tz, 'utcoffset', tzinfoarg), '')
                parts.append(zreplace)
            elif ch == 'Z':
                if Zreplace is None:
                    Zreplace = ''
                    tz = getattr(obj, '_tzinfo', None)
                    if tz is not None:
                        name = _call_tzname(tz, tzinfoarg)
                        if name is not None:
                            Zreplace = name.replace('%', '%%')
                parts.append(Zreplace)
            else:
                if freplace is None:
                    freplace = '%06d' % getattr(obj, '_microsecond', 0)
                parts.append(freplace)
            start = i + 2
        i += 2
    parts.append(format[start:])
    return _time.strftime(''.join(parts), timetuple)


def _build_struct_time(y, m, d, hh, mm, ss, dstflag):
    wday = (_ymd2ord(y, m, d) + 6) % 7
    dnum = _days_before_month(y, m) + d
    return _time.struct_time((y, m, d, hh, mm, ss, wday, dnum, dstflag))


def _divide_nearest(a, b):
    """a / b rounded to the nearest integer, ties to even."""
    q, r = divmod(a, b)
    r2 = r * 2
    if b > 0:
        if r2 > b or (r2 == b and q & 1):
            q += 1
    elif r2 < b or (r2 == b and q & 1):
        q += 1
    return q


# --- timedelta --------------------------------------------------------------------

_TD_NAMES = ('days', 'seconds', 'microseconds', 'milliseconds', 'minutes',
             'hours', 'weeks')
# The components in the order CPython accumulates them, with their factors
# in microseconds.
_TD_ORDER = (('microseconds', 1), ('milliseconds', 1000), ('seconds', 1000000),
             ('minutes', 60000000), ('hours', 3600000000), ('days', 86400000000),
             ('weeks', 604800000000))


def _round_half_away(x):
    """C's round(): to the nearest integer, halfway cases away from zero."""
    f = _math.floor(x)
    diff = x - f
    if diff > 0.5 or (diff == 0.5 and x > 0):
        return f + 1
    return f


def _new_delta(cls, us):
    """A timedelta (of class cls) of `us` microseconds."""
    seconds, us = divmod(us, 1000000)
    days, seconds = divmod(seconds, 86400)
    if not -_MAX_DELTA_DAYS <= days <= _MAX_DELTA_DAYS:
        if not -2147483648 <= days <= 2147483647:
            raise OverflowError('Python int too large to convert to C int')
        raise OverflowError('days=%d; must have magnitude <= %d' % (days, _MAX_DELTA_DAYS))
    self = object.__new__(cls)
    self._days = days
    self._seconds = seconds
    self._microseconds = us
    self._hashcode = -1
    return self


def _td(us):
    return _new_delta(timedelta, us)


class timedelta:
    """Difference between two datetime values.

    timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0,
    hours=0, weeks=0)

    All arguments are optional and default to 0.
    Arguments may be integers or floats, and may be positive or negative.
    """

    __slots__ = ('_days', '_seconds', '_microseconds', '_hashcode')

    def __new__(cls, *args, **kwargs):
        if args or len(kwargs) > 1:
            values = _parse_args(args, kwargs, _TD_NAMES, 'OOOOOOO', 0, 7, '__new__')
            given = dict(zip(_TD_NAMES, values))
        elif kwargs:
            given = kwargs
            for key in given:
                if key not in _TD_NAMES:
                    raise TypeError("'%s' is an invalid keyword argument for __new__()" % key)
        else:
            return _new_delta(cls, 0)
        total = 0
        leftover = 0.0
        for name, factor in _TD_ORDER:
            num = given.get(name, _MISSING)
            if num is _MISSING:
                continue
            if isinstance(num, int):
                total += num * factor
            elif isinstance(num, float):
                frac, whole = _math.modf(num)
                total += int(whole) * factor
                if frac != 0.0:
                    frac, whole = _math.modf(factor * frac)
                    total += int(whole)
                    leftover += frac
            else:
                raise TypeError('unsupported type for timedelta %s component: %s'
                                % (name, _tpname(num)))
        if leftover:
            whole_us = _round_half_away(leftover)
            if abs(whole_us - leftover) == 0.5:
                odd = total & 1
                whole_us = 2.0 * _round_half_away((leftover + odd) * 0.5) - odd
            total += int(whole_us)
        return _new_delta(cls, total)

    days = _readonly_member(lambda self: self._days)
    seconds = _readonly_member(lambda self: self._seconds)
    microseconds = _readonly_member(lambda self: self._microseconds)

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        """Total seconds in the duration."""
        return self._to_us() / 10**6

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=%d' % self._days)
        if self._seconds:
            args.append('seconds=%d' % self._seconds)
        if self._microseconds:
            args.append('microseconds=%d' % self._microseconds)
        return '%s(%s)' % (_tpname(self), ', '.join(args) or '0')

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self._days:
            days = self._days
            s = '%d day%s, ' % (days, '' if days == 1 or days == -1 else 's') + s
        if self._microseconds:
            s += '.%06d' % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _td(self._to_us() + other._to_us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _td(self._to_us() - other._to_us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return _td(other._to_us() - self._to_us())
        return NotImplemented

    def __neg__(self):
        return _td(-self._to_us())

    def __pos__(self):
        return _td(self._to_us())

    def __abs__(self):
        if self._days < 0:
            return _td(-self._to_us())
        return _td(self._to_us())

    def __mul__(self, other):
        if isinstance(other, int):
            return _td(self._to_us() * other)
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return _td(_divide_nearest(self._to_us() * num, den))
        return NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return _floordiv_us(self._to_us(), other._to_us())
        if isinstance(other, int):
            return _td(_floordiv_us(self._to_us(), other))
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_us()
            if divisor == 0:
                raise ZeroDivisionError('division by zero')
            return self._to_us() / divisor
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return _td(_divide_nearest(self._to_us(), other))
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            if num == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return _td(_divide_nearest(self._to_us() * den, num))
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_us()
            if divisor == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return _td(self._to_us() % divisor)
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_us()
            if divisor == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            q, r = divmod(self._to_us(), divisor)
            return q, _td(r)
        return NotImplemented

    def _key(self):
        return (self._days, self._seconds, self._microseconds)

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._key() == other._key()
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timedelta):
            return self._key() != other._key()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._key() >= other._key()
        return NotImplemented

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._key())
        return self._hashcode

    def __bool__(self):
        return bool(self._days or self._seconds or self._microseconds)

    def __reduce__(self):
        return (type(self), self._key())


def _floordiv_us(a, b):
    if b == 0:
        raise ZeroDivisionError('integer division or modulo by zero')
    return a // b


timedelta.min = _td(-_MAX_DELTA_DAYS * 86400000000)
timedelta.max = _td((_MAX_DELTA_DAYS + 1) * 86400000000 - 1)
timedelta.resolution = _td(1)


# --- date -------------------------------------------------------------------------

def _new_date(cls, year, month, day):
    """A date of class cls from checked fields; subclasses are called as
    CPython does (new_date_subclass_ex)."""
    if cls is date:
        self = object.__new__(date)
        self._year = year
        self._month = month
        self._day = day
        self._hashcode = -1
        return self
    return cls(year, month, day)


def _date_from_ordinal(cls, n):
    y, m, d = _ord2ymd(n)
    return _new_date(cls, y, m, d)


def _normalized_date(cls, n):
    """The date of ordinal n, or OverflowError out of range."""
    if not 1 <= n <= _MAXORDINAL:
        raise OverflowError('date value out of range')
    return _date_from_ordinal(cls, n)


def _timestamp_to_time_t(t, rounding):
    """(seconds, microseconds) of a timestamp: CPython's
    _PyTime_ObjectToTimeval with the given rounding ('floor' or
    'half_even'), with its range checks and messages."""
    if isinstance(t, float):
        if t != t:
            raise ValueError('Invalid value NaN (not a number)')
        frac, whole = _math.modf(t)
        frac *= 1e6
        if rounding == 'floor':
            frac = float(_math.floor(frac))
        else:
            frac = float(round(frac))
        if frac >= 1e6:
            frac -= 1e6
            whole += 1.0
        elif frac < 0:
            frac += 1e6
            whole -= 1.0
        if not -9.223372036854776e18 <= whole < 9.223372036854776e18:
            raise OverflowError('timestamp out of range for platform time_t')
        return int(whole), int(frac)
    secs = _c_long_time(t)
    return secs, 0


def _c_long_time(t):
    if type(t) is not int:
        try:
            index = type(t).__index__
        except AttributeError:
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % _tpname(t)) from None
        t = index(t)
    if not -9223372036854775808 <= t <= 9223372036854775807:
        raise OverflowError('timestamp out of range for platform time_t')
    return t


def _checked_localtime(func, t):
    try:
        return func(t)
    except OverflowError:
        raise OverflowError('timestamp out of range for platform time_t') from None


class date:
    """date(year, month, day) --> date object"""

    __slots__ = ('_year', '_month', '_day', '_hashcode')

    def __new__(cls, *args, **kwargs):
        if len(args) == 3 and not kwargs:
            year, month, day = args
            if (type(year) is not int or type(month) is not int or type(day) is not int
                    or not (MINYEAR <= year <= MAXYEAR and 1 <= month <= 12
                            and 1 <= day <= 28)):
                year = _c_int(year)
                month = _c_int(month)
                day = _c_int(day)
                _check_date_fields(year, month, day)
        else:
            if len(args) == 1 and not kwargs:
                state = args[0]
                if isinstance(state, str):
                    try:
                        state = state.encode('latin1')
                    except UnicodeEncodeError:
                        raise ValueError(
                            "Failed to encode latin1 string when unpickling a date object. "
                            "pickle.load(data, encoding='latin1') is assumed.") from None
                if isinstance(state, bytes) and len(state) == 4 and 1 <= state[2] <= 12:
                    return cls._from_state(state)
            year, month, day = _parse_args(args, kwargs, ('year', 'month', 'day'),
                                           'iii', 3, 3, None)
            _check_date_fields(year, month, day)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hashcode = -1
        return self

    @classmethod
    def _from_state(cls, state):
        self = object.__new__(cls)
        self._year = state[0] * 256 + state[1]
        self._month = state[2]
        self._day = state[3]
        self._hashcode = -1
        return self

    # Additional constructors

    @classmethod
    def fromtimestamp(cls, t):
        "Construct a date from a POSIX timestamp (like time.time())."
        if isinstance(t, float):
            if t != t:
                raise ValueError('Invalid value NaN (not a number)')
            if not -9.223372036854776e18 <= t < 9.223372036854776e18:
                raise OverflowError('timestamp out of range for platform time_t')
            t = _math.floor(t)
        else:
            t = _c_long_time(t)
        tm = _checked_localtime(_time.localtime, t)
        _check_date_fields(tm[0], tm[1], tm[2])
        return _new_date(cls, tm[0], tm[1], tm[2])

    @classmethod
    def today(cls):
        "Construct a date from time.time()."
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, *args, **kwargs):
        """Construct a date from a proleptic Gregorian ordinal.

        January 1 of year 1 is day 1.  Only the year, month and day are
        non-zero in the result.
        """
        n, = _parse_tuple(args, kwargs, 1, 'fromordinal')
        n = _c_int(n)
        if n < 1:
            raise ValueError('ordinal must be >= 1')
        if n > _MAXORDINAL:
            raise ValueError('year %d is out of range' % _ord2ymd(n)[0])
        return _date_from_ordinal(cls, n)

    @classmethod
    def fromisoformat(cls, date_string):
        """Construct a date from the output of date.isoformat()."""
        if not isinstance(date_string, str):
            raise TypeError('fromisoformat: argument must be str')
        ymd = _parse_iso_date(date_string) if len(date_string) == 10 else None
        if ymd is None:
            raise ValueError('Invalid isoformat string: %r' % (date_string,))
        _check_date_fields(*ymd)
        return _new_date(cls, *ymd)

    @classmethod
    def fromisocalendar(cls, *args, **kwargs):
        """Construct a date from the ISO year, week number and weekday.

        This is the inverse of the date.isocalendar() function"""
        try:
            year, week, day = _parse_args(args, kwargs, ('year', 'week', 'day'), 'iii',
                                          3, 3, 'fromisocalendar')
        except OverflowError:
            raise ValueError('ISO calendar component out of range') from None
        if not MINYEAR <= year <= MAXYEAR:
            raise ValueError('Year is out of range: %d' % year)
        if week <= 0 or week >= 53:
            out_of_range = True
            if week == 53:
                # ISO years with 53 weeks start on a Thursday, or on a
                # Wednesday in leap years.
                first_weekday = _ymd2ord(year, 1, 1) % 7
                if first_weekday == 4 or (first_weekday == 3 and _is_leap(year)):
                    out_of_range = False
            if out_of_range:
                raise ValueError('Invalid week: %d' % week)
        if day <= 0 or day >= 8:
            raise ValueError('Invalid day: %d (range is [1, 7])' % day)
        ordinal = _iso_week1_monday(year) + (week - 1) * 7 + day - 1
        y, m, d = _ord2ymd(ordinal)
        _check_date_fields(y, m, d)
        return _new_date(cls, y, m, d)

    # Conversions to string

    def __repr__(self):
        return '%s(%d, %d, %d)' % (_tpname(self), self._year, self._month, self._day)

    def ctime(self):
        "Return ctime() style string."
        weekday = (_ymd2ord(self._year, self._month, self._day) + 6) % 7
        return '%s %s %2d 00:00:00 %04d' % (_DAYNAMES[weekday], _MONTHNAMES[self._month],
                                            self._day, self._year)

    def strftime(self, *args, **kwargs):
        """format -> strftime() style string."""
        if len(args) == 1 and not kwargs:
            format = args[0]
        else:
            format, = _parse_args(args, kwargs, ('format',), 'O', 1, 1, 'strftime')
        _check_str_arg(format, 'strftime', 1)
        return _wrap_strftime(self, format, self.timetuple(), self)

    def __format__(self, fmt):
        _check_str_arg(fmt, '__format__', 1)
        if len(fmt) == 0:
            return str(self)
        return self.strftime(fmt)

    def isoformat(self):
        """Return string in ISO 8601 format, YYYY-MM-DD."""
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    # Read-only field accessors
    year = _readonly(lambda self: self._year, 'year', 'datetime.date')
    month = _readonly(lambda self: self._month, 'month', 'datetime.date')
    day = _readonly(lambda self: self._day, 'day', 'datetime.date')

    # Standard conversions, __eq__, __le__, __lt__, __ge__, __gt__,
    # __hash__ (and helpers)

    def timetuple(self):
        "Return local time tuple compatible with time.localtime()."
        return _build_struct_time(self._year, self._month, self._day, 0, 0, 0, -1)

    def toordinal(self):
        """Return proleptic Gregorian ordinal for the year, month and day.

        January 1 of year 1 is day 1.  Only the year, month and day values
        contribute to the result.
        """
        return _ymd2ord(self._year, self._month, self._day)

    def replace(self, *args, **kwargs):
        """Return date with new specified fields."""
        year, month, day = _parse_args(args, kwargs, ('year', 'month', 'day'), 'iii',
                                       0, 3, 'replace')
        if year is _MISSING:
            year = self._year
        if month is _MISSING:
            month = self._month
        if day is _MISSING:
            day = self._day
        return date.__new__(type(self), year, month, day)

    # Comparisons of date objects with other.

    # Comparisons of date objects with other (a datetime compares by its
    # date, as CPython's date_richcompare does).

    def __eq__(self, other):
        if isinstance(other, date):
            return (self._year == other._year and self._month == other._month
                    and self._day == other._day)
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, date):
            return (self._year != other._year or self._month != other._month
                    or self._day != other._day)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, date):
            return (self._year * 512 + self._month * 32 + self._day
                    <= other._year * 512 + other._month * 32 + other._day)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, date):
            return (self._year * 512 + self._month * 32 + self._day
                    < other._year * 512 + other._month * 32 + other._day)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, date):
            return (self._year * 512 + self._month * 32 + self._day
                    >= other._year * 512 + other._month * 32 + other._day)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, date):
            return (self._year * 512 + self._month * 32 + self._day
                    > other._year * 512 + other._month * 32 + other._day)
        return NotImplemented

    def __hash__(self):
        "Hash."
        if self._hashcode == -1:
            self._hashcode = hash(self._getstate()[0])
        return self._hashcode

    # Computations

    def __add__(self, other):
        "Add a date to a timedelta."
        if isinstance(other, timedelta) and not isinstance(self, datetime):
            return _normalized_date(type(self), self.toordinal() + other._days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        """Subtract two dates, or a date and a timedelta."""
        if isinstance(self, datetime) or isinstance(other, datetime):
            return NotImplemented
        if isinstance(other, timedelta):
            return _normalized_date(type(self), self.toordinal() - other._days)
        if isinstance(other, date):
            return _td((self.toordinal() - other.toordinal()) * 86400000000)
        return NotImplemented

    def weekday(self):
        "Return day of the week, where Monday == 0 ... Sunday == 6."
        return (self.toordinal() + 6) % 7

    # Day-of-the-week and week-of-the-year, according to ISO

    def isoweekday(self):
        "Return day of the week, where Monday == 1 ... Sunday == 7."
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        """Return a named tuple containing ISO year, week number, and weekday.

        The first ISO week of the year is the (Mon-Sun) week
        containing the year's first Thursday; everything else derives
        from that.
        """
        year = self._year
        week1monday = _iso_week1_monday(year)
        today = _ymd2ord(self._year, self._month, self._day)
        week, day = divmod(today - week1monday, 7)
        if week < 0:
            year -= 1
            week1monday = _iso_week1_monday(year)
            week, day = divmod(today - week1monday, 7)
        elif week >= 52:
            if today >= _iso_week1_monday(year + 1):
                year += 1
                week = 0
        return _IsoCalendarDate(year, week + 1, day + 1)

    # Pickle support.

    def _getstate(self):
        yhi, ylo = divmod(self._year, 256)
        return bytes([yhi, ylo, self._month, self._day]),

    def __reduce__(self):
        return (type(self), self._getstate())


def _parse_digits(s, start, count):
    """The value of the `count` ASCII digits at s[start:], or None."""
    value = 0
    for i in range(start, start + count):
        if i >= len(s):
            return None
        c = s[i]
        if not '0' <= c <= '9':
            return None
        value = value * 10 + (ord(c) - 48)
    return value


def _parse_iso_date(s):
    """[year, month, day] of YYYY-MM-DD at the start of s, or None."""
    year = _parse_digits(s, 0, 4)
    if year is None or s[4:5] != '-':
        return None
    month = _parse_digits(s, 5, 2)
    if month is None or s[7:8] != '-':
        return None
    day = _parse_digits(s, 8, 2)
    if day is None:
        return None
    return [year, month, day]


def _parse_hh_mm_ss_ff(s, start, end):
    """CPython's parse_hh_mm_ss_ff over s[start:end]: (rc, [h, m, s, us])
    with rc 0 (end of string), 1 (more follows) or negative (error)."""
    comps = [0, 0, 0, 0]
    p = start
    for i in range(3):
        value = _parse_digits(s, p, 2)
        if value is None:
            return -3, comps
        comps[i] = value
        p += 2
        c = s[p] if p < len(s) else '\0'
        p += 1
        if p >= end:
            return (1 if c != '\0' else 0), comps
        if c == ':':
            continue
        if c == '.':
            break
        return -4, comps
    remains = end - p
    if remains != 6 and remains != 3:
        return -3, comps
    value = _parse_digits(s, p, remains)
    if value is None:
        return -3, comps
    comps[3] = value * 1000 if remains == 3 else value
    p += remains
    return (1 if p < len(s) else 0), comps


def _parse_iso_time(s, start):
    """Parse HH[:MM[:SS[.fff[fff]]]][+HH:MM[:SS[.ffffff]]] at s[start:]:
    [hour, minute, second, microsecond, tzinfo], or None if invalid."""
    end = len(s)
    tzpos = start
    while tzpos < end and s[tzpos] != '+' and s[tzpos] != '-':
        tzpos += 1
    rc, comps = _parse_hh_mm_ss_ff(s, start, tzpos)
    if rc < 0:
        return None
    if tzpos == end:
        if rc == 1:
            return None
        comps.append(None)
        return comps
    tzlen = end - tzpos
    if tzlen != 6 and tzlen != 9 and tzlen != 16:
        return None
    sign = -1 if s[tzpos] == '-' else 1
    rc, tzcomps = _parse_hh_mm_ss_ff(s, tzpos + 1, end)
    if rc:
        return None
    offset = sign * (tzcomps[0] * 3600 + tzcomps[1] * 60 + tzcomps[2])
    if offset == 0:
        tz = timezone.utc
    else:
        tz = timezone(_td(offset * 1000000 + sign * tzcomps[3]))
    comps.append(tz)
    return comps


def _refuse_setting(name):
    def refuse(self, value=None):
        raise AttributeError("attribute '%s' of 'datetime.IsoCalendarDate' objects "
                             "is not writable" % name)
    return refuse


class _IsoCalendarDate(tuple):

    def __new__(cls, year, week, weekday, /):
        return super().__new__(cls, (year, week, weekday))

    year = property(lambda self: self[0], _refuse_setting('year'), _refuse_setting('year'))
    week = property(lambda self: self[1], _refuse_setting('week'), _refuse_setting('week'))
    weekday = property(lambda self: self[2], _refuse_setting('weekday'),
                       _refuse_setting('weekday'))

    def __reduce__(self):
        # Pickles as a plain tuple.
        return (tuple, (tuple(self),))

    def __repr__(self):
        return ('%s(year=%d, week=%d, weekday=%d)'
                % (_tpname(self), self[0], self[1], self[2]))


_IsoCalendarDate.__name__ = _IsoCalendarDate.__qualname__ = 'IsoCalendarDate'


# --- tzinfo -----------------------------------------------------------------------

class tzinfo:
    """Abstract base class for time zone info objects."""

    __slots__ = ()

    def tzname(self, dt):
        "datetime -> string name of time zone."
        raise NotImplementedError('a tzinfo subclass must implement tzname()')

    def utcoffset(self, dt):
        "datetime -> timedelta, positive for east of UTC, negative for west of UTC"
        raise NotImplementedError('a tzinfo subclass must implement utcoffset()')

    def dst(self, dt):
        """datetime -> DST offset as timedelta, positive for east of UTC.

        Return 0 if DST not in effect.  utcoffset() must include the DST
        offset.
        """
        raise NotImplementedError('a tzinfo subclass must implement dst()')

    def fromutc(self, dt):
        "datetime in UTC -> datetime in local time."
        if not isinstance(dt, datetime):
            raise TypeError('fromutc: argument must be a datetime')
        if dt._tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        dtoff = _call_offset(self, 'utcoffset', dt)
        if dtoff is None:
            raise ValueError('fromutc: non-None utcoffset() result required')
        dtdst = _call_offset(self, 'dst', dt)
        if dtdst is None:
            raise ValueError('fromutc: non-None dst() result required')
        dt = _add_datetime_us(dt, (dtoff - dtdst)._to_us())
        dtdst = _call_offset(dt._tzinfo, 'dst', dt)
        if dtdst is None:
            raise ValueError('fromutc: tz.dst() gave inconsistent results; '
                             'cannot convert')
        if dtdst:
            return _add_datetime_us(dt, dtdst._to_us())
        return dt

    # Pickle support.

    def __reduce__(self):
        getinitargs = getattr(self, '__getinitargs__', None)
        if getinitargs:
            args = getinitargs()
        else:
            args = ()
        getstate = getattr(self, '__getstate__', None)
        if getstate is not None:
            state = getstate()
        else:
            state = getattr(self, '__dict__', None) or None
        if state is None:
            return (self.__class__, args)
        return (self.__class__, args, state)


# --- time -------------------------------------------------------------------------

_TIME_NAMES = ('hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold')


def _time_from_state(cls, state, tz):
    self = object.__new__(cls)
    hour = state[0]
    self._fold = 1 if hour > 127 else 0
    self._hour = hour & 127
    self._minute = state[1]
    self._second = state[2]
    self._microsecond = (state[3] << 16) | (state[4] << 8) | state[5]
    self._tzinfo = tz
    self._hashcode = -1
    return self


class time:
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object

    All arguments are optional. tzinfo may be None, or an instance of
    a tzinfo subclass. The remaining arguments may be ints.
    """

    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo',
                 '_hashcode', '_fold')

    def __new__(cls, *args, **kwargs):
        if 1 <= len(args) <= 2 and not kwargs:
            state = args[0]
            if isinstance(state, str) and len(state) == 6 and (ord(state[0]) & 0x7F) < 24:
                try:
                    state = state.encode('latin1')
                except UnicodeEncodeError:
                    raise ValueError(
                        "Failed to encode latin1 string when unpickling a time object. "
                        "pickle.load(data, encoding='latin1') is assumed.") from None
            if isinstance(state, bytes) and len(state) == 6 and (state[0] & 0x7F) < 24:
                tz = args[1] if len(args) == 2 else None
                if tz is not None and not isinstance(tz, tzinfo):
                    raise TypeError('bad tzinfo state arg')
                return _time_from_state(cls, state, tz)
        hour, minute, second, microsecond, tz, fold = _parse_args(
            args, kwargs, _TIME_NAMES, 'iiiiOi', 0, 5, None)
        if hour is _MISSING:
            hour = 0
        if minute is _MISSING:
            minute = 0
        if second is _MISSING:
            second = 0
        if microsecond is _MISSING:
            microsecond = 0
        if tz is _MISSING:
            tz = None
        if fold is _MISSING:
            fold = 0
        _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo_arg(tz)
        self = object.__new__(cls)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tz
        self._hashcode = -1
        self._fold = fold
        return self

    # Read-only field accessors
    hour = _readonly(lambda self: self._hour, 'hour', 'datetime.time')
    minute = _readonly(lambda self: self._minute, 'minute', 'datetime.time')
    second = _readonly(lambda self: self._second, 'second', 'datetime.time')
    microsecond = _readonly(lambda self: self._microsecond, 'microsecond', 'datetime.time')
    tzinfo = _readonly(lambda self: self._tzinfo, 'tzinfo', 'datetime.time')
    fold = _readonly(lambda self: self._fold, 'fold', 'datetime.time')

    # Comparisons of time objects with other.

    def _cmp(self, other, op):
        """-1/0/1 of self against the time other; op is 'eq'/'ne' or 'order'."""
        mytz = self._tzinfo
        ottz = other._tzinfo
        if mytz is ottz:
            myoff = otoff = None
        else:
            myoff = _call_offset(mytz, 'utcoffset', None)
            otoff = _call_offset(ottz, 'utcoffset', None)
        if myoff is otoff or (myoff is not None and otoff is not None and myoff == otoff):
            a = (self._hour, self._minute, self._second, self._microsecond)
            b = (other._hour, other._minute, other._second, other._microsecond)
        elif myoff is not None and otoff is not None:
            # (As CPython, the microseconds of the offsets are ignored.)
            a = (self._hour * 3600 + self._minute * 60 + self._second
                 - myoff._days * 86400 - myoff._seconds, self._microsecond)
            b = (other._hour * 3600 + other._minute * 60 + other._second
                 - otoff._days * 86400 - otoff._seconds, other._microsecond)
        elif op == 'eq':
            return 2
        else:
            raise TypeError("can't compare offset-naive and offset-aware times")
        return 0 if a == b else 1 if a > b else -1

    def __eq__(self, other):
        if isinstance(other, time):
            return self._cmp(other, 'eq') == 0
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, time):
            return self._cmp(other, 'eq') != 0
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, time):
            return self._cmp(other, 'order') <= 0
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, time):
            return self._cmp(other, 'order') < 0
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, time):
            return self._cmp(other, 'order') >= 0
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, time):
            return self._cmp(other, 'order') > 0
        return NotImplemented

    def __hash__(self):
        """Hash."""
        if self._hashcode == -1:
            if self._fold:
                t = self.replace(fold=0)
            else:
                t = self
            offset = _call_offset(t._tzinfo, 'utcoffset', None)
            if offset is None:
                self._hashcode = hash(t._getstate(3)[0])
            else:
                us = ((self._hour * 3600 + self._minute * 60 + self._second) * 1000000
                      + self._microsecond - offset._to_us())
                self._hashcode = hash(_td(us))
        return self._hashcode

    # Conversion to string

    def _tzstr(self):
        """Return formatted timezone offset (+xx:xx) or an empty string."""
        return _format_offset(_call_offset(self._tzinfo, 'utcoffset', None), ':')

    def __repr__(self):
        """Convert to formal string, for repr()."""
        if self._microsecond:
            s = '%s(%d, %d, %d, %d)' % (_tpname(self), self._hour, self._minute,
                                        self._second, self._microsecond)
        elif self._second:
            s = '%s(%d, %d, %d)' % (_tpname(self), self._hour, self._minute, self._second)
        else:
            s = '%s(%d, %d)' % (_tpname(self), self._hour, self._minute)
        if self._tzinfo is not None:
            s = s[:-1] + ', tzinfo=%r)' % (self._tzinfo,)
        if self._fold:
            s = s[:-1] + ', fold=1)'
        return s

    def isoformat(self, *args, **kwargs):
        """Return the time formatted according to ISO.

        The full format is 'HH:MM:SS.mmmmmm+zz:zz'. By default, the fractional
        part is omitted if self.microsecond == 0.

        The optional argument timespec specifies the number of additional
        terms of the time to include. Valid options are 'auto', 'hours',
        'minutes', 'seconds', 'milliseconds' and 'microseconds'.
        """
        if args or kwargs:
            timespec, = _parse_args(args, kwargs, ('timespec',), 'O', 0, 1, 'isoformat')
            if timespec is _MISSING:
                timespec = 'auto'
            else:
                _check_str_arg(timespec, 'isoformat', 1)
        else:
            timespec = 'auto'
        s = _format_time(self._hour, self._minute, self._second,
                         self._microsecond, timespec)
        return s + self._tzstr()

    def __str__(self):
        return self.isoformat()

    @classmethod
    def fromisoformat(cls, time_string):
        """Construct a time from the output of isoformat()."""
        if not isinstance(time_string, str):
            raise TypeError('fromisoformat: argument must be str')
        comps = _parse_iso_time(time_string, 0)
        if comps is None:
            raise ValueError('Invalid isoformat string: %r' % (time_string,))
        return cls(*comps)

    def strftime(self, *args, **kwargs):
        """Format using strftime().  The date part of the timestamp passed
        to underlying strftime should not be used.
        """
        if len(args) == 1 and not kwargs:
            format = args[0]
        else:
            format, = _parse_args(args, kwargs, ('format',), 'O', 1, 1, 'strftime')
        _check_str_arg(format, 'strftime', 1)
        timetuple = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _wrap_strftime(self, format, timetuple, None)

    def __format__(self, fmt):
        _check_str_arg(fmt, '__format__', 1)
        if len(fmt) == 0:
            return str(self)
        return self.strftime(fmt)

    # Timezone functions

    def utcoffset(self):
        """Return the timezone offset as timedelta, positive east of UTC
         (negative west of UTC)."""
        return _call_offset(self._tzinfo, 'utcoffset', None)

    def tzname(self):
        """Return the timezone name."""
        return _call_tzname(self._tzinfo, None)

    def dst(self):
        """Return 0 if DST is not in effect, or the DST offset (as timedelta
        positive eastward) if DST is in effect."""
        return _call_offset(self._tzinfo, 'dst', None)

    def replace(self, *args, **kwargs):
        """Return a new time with new values for the specified fields."""
        hour, minute, second, microsecond, tz, fold = _parse_args(
            args, kwargs, _TIME_NAMES, 'iiiiOi', 0, 5, 'replace')
        if hour is _MISSING:
            hour = self._hour
        if minute is _MISSING:
            minute = self._minute
        if second is _MISSING:
            second = self._second
        if microsecond is _MISSING:
            microsecond = self._microsecond
        if tz is _MISSING:
            tz = self._tzinfo
        if fold is _MISSING:
            fold = self._fold
        return time.__new__(type(self), hour, minute, second, microsecond, tz, fold=fold)

    def __bool__(self):
        return True

    # Pickle support.

    def _getstate(self, protocol=3):
        us2, us3 = divmod(self._microsecond, 256)
        us1, us2 = divmod(us2, 256)
        h = self._hour
        if self._fold and protocol > 3:
            h += 128
        basestate = bytes([h, self._minute, self._second, us1, us2, us3])
        if self._tzinfo is None:
            return (basestate,)
        return (basestate, self._tzinfo)

    def __reduce_ex__(self, protocol):
        return (type(self), self._getstate(protocol))

    def __reduce__(self):
        return self.__reduce_ex__(2)


# --- datetime ---------------------------------------------------------------------

_DATETIME_NAMES = ('year', 'month', 'day', 'hour', 'minute', 'second',
                   'microsecond', 'tzinfo', 'fold')
_EPOCH_SECONDS = 719163 * 86400  # 1970-01-01 in seconds since 0001-01-01
_MAX_FOLD_SECONDS = 86400


def _new_datetime(cls, year, month, day, hour, minute, second, us, tz, fold):
    """A datetime of class cls from checked fields; subclasses are called
    with the fields but not fold, as CPython 3.10 does."""
    if cls is datetime:
        self = object.__new__(datetime)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = us
        self._tzinfo = tz
        self._hashcode = -1
        self._wk = -1
        self._fold = fold
        return self
    return cls(year, month, day, hour, minute, second, us, tz)


def _add_datetime_us(dt, delta_us, cls=None):
    """dt + delta_us microseconds (fold reset, tzinfo kept)."""
    secs, us = divmod(dt._microsecond + delta_us, 1000000)
    secs += dt._hour * 3600 + dt._minute * 60 + dt._second
    y = dt._year
    m = dt._month
    d = dt._day
    if not 0 <= secs < 86400:
        days, secs = divmod(secs, 86400)
        d += days
        if not 1 <= d <= 28:
            n = _ymd2ord(y, m, dt._day) + days
            if not 1 <= n <= _MAXORDINAL:
                raise OverflowError('date value out of range')
            y, m, d = _ord2ymd(n)
    hh, secs = divmod(secs, 3600)
    mm, ss = divmod(secs, 60)
    return _new_datetime(cls or type(dt), y, m, d, hh, mm, ss, us, dt._tzinfo, 0)


def _utc_to_seconds(year, month, day, hour, minute, second):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    return ((_ymd2ord(year, month, day) * 24 + hour) * 60 + minute) * 60 + second


def _local(u):
    """The local wall-clock time, in seconds since 0001-01-01, of the POSIX
    time u - epoch."""
    tm = _checked_localtime(_time.localtime, u - _EPOCH_SECONDS)
    return _utc_to_seconds(tm[0], tm[1], tm[2], tm[3], tm[4], tm[5])


def _local_to_seconds(year, month, day, hour, minute, second, fold):
    """Solve local(u) == t for u, choosing by fold in a repeated interval
    and the edges of a gap (CPython's local_to_seconds)."""
    t = _utc_to_seconds(year, month, day, hour, minute, second)
    a = _local(t) - t
    u1 = t - a
    t1 = _local(u1)
    if t1 == t:
        # One solution; look for an earlier (fold=0) or later one.
        u2 = u1 + _MAX_FOLD_SECONDS if fold else u1 - _MAX_FOLD_SECONDS
        b = _local(u2) - u2
        if a == b:
            return u1
    else:
        b = t1 - u1
    u2 = t - b
    t2 = _local(u2)
    if t2 == t:
        return u2
    if t1 == t:
        return u1
    # t is in a gap.
    return min(u1, u2) if fold else max(u1, u2)


def _from_timet_and_us(cls, localtime, timet, us, tz):
    tm = _checked_localtime(_time.localtime if localtime else _time.gmtime, timet)
    year, month, day, hour, minute = tm[0], tm[1], tm[2], tm[3], tm[4]
    second = min(59, tm[5])  # no leap seconds
    fold = 0
    if tz is None and localtime:
        result_seconds = _utc_to_seconds(year, month, day, hour, minute, second)
        # A fold: the same wall time max_fold_seconds earlier.
        probe_seconds = _local(_EPOCH_SECONDS + timet - _MAX_FOLD_SECONDS)
        transition = result_seconds - probe_seconds - _MAX_FOLD_SECONDS
        if transition < 0:
            probe_seconds = _local(_EPOCH_SECONDS + timet + transition)
            if probe_seconds == result_seconds:
                fold = 1
    _check_date_fields(year, month, day)
    return _new_datetime(cls, year, month, day, hour, minute, second, us, tz, fold)


def _local_timezone_from_timestamp(timestamp):
    tm = _checked_localtime(_time.localtime, timestamp)
    return _new_timezone(_td(tm.tm_gmtoff * 1000000), tm.tm_zone)


def _datetime_from_state(cls, state, tz):
    self = object.__new__(cls)
    month = state[2]
    self._fold = 1 if month > 127 else 0
    self._year = state[0] * 256 + state[1]
    self._month = month & 127
    self._day = state[3]
    self._hour = state[4]
    self._minute = state[5]
    self._second = state[6]
    self._microsecond = (state[7] << 16) | (state[8] << 8) | state[9]
    self._tzinfo = tz
    self._hashcode = -1
    self._wk = -1
    return self


class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])

    The year, month and day arguments are required. tzinfo may be None, or an
    instance of a tzinfo subclass. The remaining arguments may be ints.
    """

    # _wk caches the wall-clock key of comparisons (-1 until computed).
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold', '_wk')

    def __new__(cls, *args, **kwargs):
        nargs = len(args)
        if 1 <= nargs <= 2 and not kwargs:
            state = args[0]
            if isinstance(state, str) and len(state) == 10 and 1 <= (ord(state[2]) & 0x7F) <= 12:
                try:
                    state = state.encode('latin1')
                except UnicodeEncodeError:
                    raise ValueError(
                        "Failed to encode latin1 string when unpickling a datetime object. "
                        "pickle.load(data, encoding='latin1') is assumed.") from None
            if isinstance(state, bytes) and len(state) == 10 and 1 <= (state[2] & 0x7F) <= 12:
                tz = args[1] if nargs == 2 else None
                if tz is not None and not isinstance(tz, tzinfo):
                    raise TypeError('bad tzinfo state arg')
                return _datetime_from_state(cls, state, tz)
        if 3 <= nargs <= 7 and not kwargs:
            year, month, day = args[0], args[1], args[2]
            hour = args[3] if nargs > 3 else 0
            minute = args[4] if nargs > 4 else 0
            second = args[5] if nargs > 5 else 0
            us = args[6] if nargs > 6 else 0
            if (type(year) is not int or type(month) is not int or type(day) is not int
                    or type(hour) is not int or type(minute) is not int
                    or type(second) is not int or type(us) is not int
                    or not (MINYEAR <= year <= MAXYEAR and 1 <= month <= 12
                            and 1 <= day <= 28 and 0 <= hour <= 23 and 0 <= minute <= 59
                            and 0 <= second <= 59 and 0 <= us <= 999999)):
                year, month, day, hour, minute, second, us = [
                    _c_int(v) for v in (year, month, day, hour, minute, second, us)]
            tz = None
            fold = 0
        else:
            year, month, day, hour, minute, second, us, tz, fold = _parse_args(
                args, kwargs, _DATETIME_NAMES, 'iiiiiiiOi', 3, 8, None)
            if hour is _MISSING:
                hour = 0
            if minute is _MISSING:
                minute = 0
            if second is _MISSING:
                second = 0
            if us is _MISSING:
                us = 0
            if tz is _MISSING:
                tz = None
            if fold is _MISSING:
                fold = 0
        _check_date_fields(year, month, day)
        _check_time_fields(hour, minute, second, us, fold)
        _check_tzinfo_arg(tz)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = us
        self._tzinfo = tz
        self._hashcode = -1
        self._wk = -1
        self._fold = fold
        return self

    # Read-only field accessors
    hour = _readonly(lambda self: self._hour, 'hour', 'datetime.datetime')
    minute = _readonly(lambda self: self._minute, 'minute', 'datetime.datetime')
    second = _readonly(lambda self: self._second, 'second', 'datetime.datetime')
    microsecond = _readonly(lambda self: self._microsecond, 'microsecond', 'datetime.datetime')
    tzinfo = _readonly(lambda self: self._tzinfo, 'tzinfo', 'datetime.datetime')
    fold = _readonly(lambda self: self._fold, 'fold', 'datetime.datetime')

    @classmethod
    def fromtimestamp(cls, *args, **kwargs):
        "timestamp[, tz] -> tz's local time from POSIX timestamp."
        t, tz = _parse_args(args, kwargs, ('timestamp', 'tz'), 'OO', 1, 2,
                            'fromtimestamp')
        if tz is _MISSING:
            tz = None
        _check_tzinfo_arg(tz)
        secs, us = _timestamp_to_time_t(t, 'half_even')
        result = _from_timet_and_us(cls, tz is None, secs, us, tz)
        if tz is not None:
            result = tz.fromutc(result)
        return result

    @classmethod
    def utcfromtimestamp(cls, *args, **kwargs):
        "Construct a naive UTC datetime from a POSIX timestamp."
        t, = _parse_tuple(args, kwargs, 1, 'utcfromtimestamp')
        secs, us = _timestamp_to_time_t(t, 'half_even')
        return _from_timet_and_us(cls, False, secs, us, None)

    @classmethod
    def now(cls, *args, **kwargs):
        "Construct a datetime from time.time() and optional time zone info."
        tz = None
        if args or kwargs:
            tz, = _parse_args(args, kwargs, ('tz',), 'O', 0, 1, 'now')
            if tz is _MISSING:
                tz = None
        _check_tzinfo_arg(tz)
        secs, us = divmod(_time.time_ns() // 1000, 1000000)
        result = _from_timet_and_us(cls, tz is None, secs, us, tz)
        if tz is not None:
            result = tz.fromutc(result)
        return result

    @classmethod
    def utcnow(cls):
        "Construct a UTC datetime from time.time()."
        secs, us = divmod(_time.time_ns() // 1000, 1000000)
        return _from_timet_and_us(cls, False, secs, us, None)

    @classmethod
    def combine(cls, *args, **kwargs):
        "Construct a datetime from a given date and a given time."
        d, t, tz = _parse_args(args, kwargs, ('date', 'time', 'tzinfo'), 'OOO', 2, 3,
                               'combine')
        if not isinstance(d, date):
            raise TypeError('combine() argument 1 must be datetime.date, not %s'
                            % _argtype(d))
        if not isinstance(t, time):
            raise TypeError('combine() argument 2 must be datetime.time, not %s'
                            % _argtype(t))
        if tz is _MISSING:
            tz = t._tzinfo
        if cls is datetime:
            _check_tzinfo_arg(tz)
        return _new_datetime(cls, d._year, d._month, d._day, t._hour, t._minute,
                             t._second, t._microsecond, tz, t._fold)

    @classmethod
    def fromisoformat(cls, date_string):
        """Construct a datetime from the output of datetime.isoformat()."""
        if not isinstance(date_string, str):
            raise TypeError('fromisoformat: argument must be str')
        ymd = _parse_iso_date(date_string)
        comps = [0, 0, 0, 0, None]
        if ymd is not None and len(date_string) > 10:
            comps = _parse_iso_time(date_string, 11)
        if ymd is None or comps is None:
            raise ValueError('Invalid isoformat string: %r' % (date_string,))
        year, month, day = ymd
        hour, minute, second, us, tz = comps
        _check_date_fields(year, month, day)
        _check_time_fields(hour, minute, second, us, 0)
        return _new_datetime(cls, year, month, day, hour, minute, second, us, tz, 0)

    @classmethod
    def strptime(cls, *args, **kwargs):
        'string, format -> new datetime parsed from a string (like time.strptime()).'
        date_string, format = _parse_tuple(args, kwargs, 2, 'strptime')
        _check_str_arg(date_string, 'strptime', 1)
        _check_str_arg(format, 'strptime', 2)
        import _strptime
        return _strptime._strptime_datetime(cls, date_string, format)

    def timetuple(self):
        "Return local time tuple compatible with time.localtime()."
        dst = _call_offset(self._tzinfo, 'dst', self)
        if dst is None:
            dstflag = -1
        else:
            dstflag = 1 if dst else 0
        return _build_struct_time(self._year, self._month, self._day,
                                  self._hour, self._minute, self._second, dstflag)

    def timestamp(self):
        "Return POSIX timestamp as float"
        if self._tzinfo is None:
            seconds = _local_to_seconds(self._year, self._month, self._day,
                                        self._hour, self._minute, self._second,
                                        self._fold)
            return (seconds - _EPOCH_SECONDS) + self._microsecond / 1e6
        return (self - _EPOCH).total_seconds()

    def utctimetuple(self):
        "Return UTC time tuple compatible with time.gmtime()."
        offset = _call_offset(self._tzinfo, 'utcoffset', self)
        dt = self
        if offset is not None:
            dt = _add_datetime_us(self, -offset._to_us())
        return _build_struct_time(dt._year, dt._month, dt._day,
                                  dt._hour, dt._minute, dt._second, 0)

    def date(self):
        "Return the date part."
        return _new_date(date, self._year, self._month, self._day)

    def time(self):
        "Return the time part, with tzinfo None."
        return _new_time(self._hour, self._minute, self._second, self._microsecond,
                         None, self._fold)

    def timetz(self):
        "Return the time part, with same tzinfo."
        return _new_time(self._hour, self._minute, self._second, self._microsecond,
                         self._tzinfo, self._fold)

    def replace(self, *args, **kwargs):
        """Return a new datetime with new values for the specified fields."""
        values = _parse_args(args, kwargs, _DATETIME_NAMES, 'iiiiiiiOi', 0, 8, 'replace')
        current = (self._year, self._month, self._day, self._hour, self._minute,
                   self._second, self._microsecond, self._tzinfo, self._fold)
        values = [c if v is _MISSING else v for v, c in zip(values, current)]
        fold = values.pop()
        return datetime.__new__(type(self), *values, fold=fold)

    def astimezone(self, *args, **kwargs):
        """tz -> convert to local time in new timezone tz"""
        tz = None
        if args or kwargs:
            tz, = _parse_args(args, kwargs, ('tz',), 'O', 0, 1, 'astimezone')
            if tz is _MISSING:
                tz = None
        _check_tzinfo_arg(tz)
        mytz = self._tzinfo
        offset = None
        if mytz is not None:
            if mytz is tz:
                return self
            offset = _call_offset(mytz, 'utcoffset', self)
        if offset is None:
            # Naive: self is in local time.
            mytz = _local_timezone_from_timestamp(
                _local_to_seconds(self._year, self._month, self._day, self._hour,
                                  self._minute, self._second, self._fold)
                - _EPOCH_SECONDS)
            if mytz is tz:
                return self
            offset = _call_offset(mytz, 'utcoffset', self)
        # Convert self to UTC, attach the new tzinfo and let fromutc() do
        # the rest.
        result = _add_datetime_us(self, -offset._to_us())
        if tz is None:
            tz = _local_timezone_from_timestamp(
                result._to_utc_us() // 1000000 - _EPOCH_SECONDS)
        result._tzinfo = tz
        return tz.fromutc(result)

    def _to_utc_us(self):
        """Microseconds since 0001-01-01 of the wall time (offset ignored)."""
        return ((_ymd2ord(self._year, self._month, self._day) * 86400
                 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000
                + self._microsecond)

    # Ways to produce a string.

    def ctime(self):
        "Return ctime() style string."
        weekday = (_ymd2ord(self._year, self._month, self._day) + 6) % 7
        return '%s %s %2d %02d:%02d:%02d %04d' % (
            _DAYNAMES[weekday], _MONTHNAMES[self._month], self._day,
            self._hour, self._minute, self._second, self._year)

    def isoformat(self, *args, **kwargs):
        """[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].
        sep is used to separate the year from the time, and defaults to 'T'.
        The optional argument timespec specifies the number of additional
        terms of the time to include. Valid options are 'auto', 'hours',
        'minutes', 'seconds', 'milliseconds' and 'microseconds'.
        """
        if args or kwargs:
            sep, timespec = _parse_args(args, kwargs, ('sep', 'timespec'), 'OO', 0, 2,
                                        'isoformat')
            if sep is _MISSING:
                sep = 'T'
            elif not isinstance(sep, str) or len(sep) != 1:
                raise TypeError('isoformat() argument 1 must be a unicode character, not %s'
                                % _argtype(sep))
            if timespec is _MISSING:
                timespec = 'auto'
            else:
                _check_str_arg(timespec, 'isoformat', 2)
        else:
            sep = 'T'
            timespec = 'auto'
        s = ('%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep)
             + _format_time(self._hour, self._minute, self._second,
                            self._microsecond, timespec))
        if self._tzinfo is not None:
            s += _format_offset(_call_offset(self._tzinfo, 'utcoffset', self), ':')
        return s

    def __repr__(self):
        """Convert to formal string, for repr()."""
        if self._microsecond:
            s = '%s(%d, %d, %d, %d, %d, %d, %d)' % (
                _tpname(self), self._year, self._month, self._day, self._hour,
                self._minute, self._second, self._microsecond)
        elif self._second:
            s = '%s(%d, %d, %d, %d, %d, %d)' % (
                _tpname(self), self._year, self._month, self._day, self._hour,
                self._minute, self._second)
        else:
            s = '%s(%d, %d, %d, %d, %d)' % (
                _tpname(self), self._year, self._month, self._day, self._hour,
                self._minute)
        # (fold before tzinfo, unlike time's repr)
        if self._fold:
            s = s[:-1] + ', fold=1)'
        if self._tzinfo is not None:
            s = s[:-1] + ', tzinfo=%r)' % (self._tzinfo,)
        return s

    def __str__(self):
        "Convert to string, for str()."
        return self.isoformat(' ')

    def utcoffset(self):
        """Return the timezone offset as timedelta positive east of UTC (negative west of
        UTC)."""
        return _call_offset(self._tzinfo, 'utcoffset', self)

    def tzname(self):
        """Return the timezone name.

        Note that the name is 100% informational -- there's no requirement that
        it mean anything in particular. For example, "GMT", "UTC", "-500",
        "-5:00", "EDT", "US/Eastern", "America/New York" are all valid replies.
        """
        return _call_tzname(self._tzinfo, self)

    def dst(self):
        """Return 0 if DST is not in effect, or the DST offset (as timedelta
        positive eastward) if DST is in effect.

        This is purely informational; the DST offset has already been added to
        the UTC offset returned by utcoffset() if applicable, so there's no
        need to consult dst() unless you're interested in displaying the DST
        info.
        """
        return _call_offset(self._tzinfo, 'dst', self)

    # Comparisons of datetime objects with other.

    def _cmp(self, other, op):
        """-1/0/1 of self against the datetime other (2: unequal, for
        ==/!= between naive and aware)."""
        mytz = self._tzinfo
        ottz = other._tzinfo
        if mytz is ottz:
            return _cmp_fields(self, other)
        myoff = _call_offset(mytz, 'utcoffset', self)
        otoff = _call_offset(ottz, 'utcoffset', other)
        if myoff is otoff or (myoff is not None and otoff is not None and myoff == otoff):
            diff = _cmp_fields(self, other)
        elif myoff is not None and otoff is not None:
            us = (self._to_utc_us() - myoff._to_us()) - (other._to_utc_us() - otoff._to_us())
            diff = 0 if us == 0 else 1 if us > 0 else -1
        elif op == 'eq':
            return 2
        else:
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if op == 'eq' and diff == 0 and _pep495_eq_exception(self, other, myoff, otoff):
            return 2
        return diff

    def _wallkey(self):
        k = self._wk
        if k < 0:
            k = self._wk = ((((((self._year * 13 + self._month) * 32 + self._day) * 24
                                + self._hour) * 60 + self._minute) * 60 + self._second)
                            * 1000000 + self._microsecond)
        return k

    def __eq__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                a = self._wk
                b = other._wk
                if a < 0:
                    a = self._wallkey()
                if b < 0:
                    b = other._wallkey()
                return a == b
            return self._cmp(other, 'eq') == 0
        if isinstance(other, date):
            return False
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                a = self._wk
                b = other._wk
                if a < 0:
                    a = self._wallkey()
                if b < 0:
                    b = other._wallkey()
                return a != b
            return self._cmp(other, 'eq') != 0
        if isinstance(other, date):
            return True
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                a = self._wk
                b = other._wk
                if a < 0:
                    a = self._wallkey()
                if b < 0:
                    b = other._wallkey()
                return a <= b
            return self._cmp(other, 'order') <= 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                a = self._wk
                b = other._wk
                if a < 0:
                    a = self._wallkey()
                if b < 0:
                    b = other._wallkey()
                return a < b
            return self._cmp(other, 'order') < 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                a = self._wk
                b = other._wk
                if a < 0:
                    a = self._wallkey()
                if b < 0:
                    b = other._wallkey()
                return a >= b
            return self._cmp(other, 'order') >= 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                a = self._wk
                b = other._wk
                if a < 0:
                    a = self._wallkey()
                if b < 0:
                    b = other._wallkey()
                return a > b
            return self._cmp(other, 'order') > 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __add__(self, other):
        "Add a datetime and a timedelta."
        if isinstance(other, timedelta):
            return _add_datetime_us(self, other._to_us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        "Subtract two datetimes, or a datetime and a timedelta."
        if isinstance(other, datetime):
            mytz = self._tzinfo
            ottz = other._tzinfo
            if mytz is ottz:
                myoff = otoff = None
            else:
                myoff = _call_offset(mytz, 'utcoffset', self)
                otoff = _call_offset(ottz, 'utcoffset', other)
                if (myoff is None) != (otoff is None):
                    raise TypeError("can't subtract offset-naive and "
                                    "offset-aware datetimes")
            result = _td(self._to_utc_us() - other._to_utc_us())
            if myoff is not otoff and myoff != otoff:
                result = result - (myoff - otoff)
            return result
        if isinstance(other, timedelta):
            return _add_datetime_us(self, -other._to_us())
        return NotImplemented

    def __rsub__(self, other):
        return NotImplemented

    def __hash__(self):
        if self._hashcode == -1:
            if self._fold:
                t = self.replace(fold=0)
            else:
                t = self
            offset = _call_offset(t._tzinfo, 'utcoffset', t)
            if offset is None:
                self._hashcode = hash(self._getstate(3)[0])
            else:
                self._hashcode = hash(_td(self._to_utc_us() - offset._to_us()))
        return self._hashcode

    # Pickle support.

    def _getstate(self, protocol=3):
        yhi, ylo = divmod(self._year, 256)
        us2, us3 = divmod(self._microsecond, 256)
        us1, us2 = divmod(us2, 256)
        m = self._month
        if self._fold and protocol > 3:
            m += 128
        basestate = bytes([yhi, ylo, m, self._day, self._hour, self._minute,
                           self._second, us1, us2, us3])
        if self._tzinfo is None:
            return (basestate,)
        return (basestate, self._tzinfo)

    def __reduce_ex__(self, protocol):
        return (type(self), self._getstate(protocol))

    def __reduce__(self):
        return self.__reduce_ex__(2)


def _cmp_fields(a, b):
    x = a._wallkey()
    y = b._wallkey()
    return 0 if x == y else 1 if x > y else -1


def _cmperror(a, b):
    raise TypeError("can't compare %s to %s" % (_tpname(a), _tpname(b)))


def _flip_fold_offset(dt):
    flipped = dt.replace(fold=not dt._fold)
    return _call_offset(flipped._tzinfo, 'utcoffset', flipped)


def _pep495_eq_exception(a, b, aoff, boff):
    """Inter-zone equality is false when either side's utcoffset depends on
    its fold (PEP 495)."""
    flip = _flip_fold_offset(a)
    if flip is not aoff and flip != aoff:
        return True
    flip = _flip_fold_offset(b)
    return flip is not boff and flip != boff


def _new_time(hour, minute, second, us, tz, fold):
    self = object.__new__(time)
    self._hour = hour
    self._minute = minute
    self._second = second
    self._microsecond = us
    self._tzinfo = tz
    self._hashcode = -1
    self._fold = fold
    return self


# --- timezone ---------------------------------------------------------------------

def _new_timezone(offset, name):
    """timezone(offset, name) with CPython's checks; the utc singleton for a
    zero offset without a name."""
    if name is None and not offset:
        return _UTC
    days = offset._days
    if days < -1 or days >= 1 or (days == -1 and offset._seconds == 0
                                  and offset._microseconds < 1):
        raise ValueError('offset must be a timedelta strictly between '
                         '-timedelta(hours=24) and timedelta(hours=24), not %r.'
                         % (offset,))
    self = object.__new__(timezone)
    self._offset = offset
    self._name = name
    return self


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""

    __slots__ = ('_offset', '_name')

    def __new__(cls, *args, **kwargs):
        if len(args) == 1 and not kwargs:
            offset = args[0]
            name = _MISSING
        else:
            offset, name = _parse_args(args, kwargs, ('offset', 'name'), 'OO', 1, 2,
                                       'timezone')
        if not isinstance(offset, timedelta):
            raise TypeError('timezone() argument 1 must be datetime.timedelta, not %s'
                            % _argtype(offset))
        if name is _MISSING:
            name = None
        else:
            _check_str_arg(name, 'timezone', 2)
        return _new_timezone(offset, name)

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'datetime.timezone' is not an acceptable base type")

    def __getinitargs__(self):
        """pickle support"""
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        """Convert to formal string, for repr()."""
        if self is _UTC:
            return 'datetime.timezone.utc'
        if self._name is None:
            return 'datetime.timezone(%r)' % (self._offset,)
        return 'datetime.timezone(%r, %r)' % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def _check_dt(self, dt, name):
        if dt is not None and not isinstance(dt, datetime):
            raise TypeError('%s(dt) argument must be a datetime instance or None, not %s'
                            % (name, _tpname(dt)))

    def utcoffset(self, dt):
        """Return fixed offset."""
        if dt is not None and not isinstance(dt, datetime):
            self._check_dt(dt, 'utcoffset')
        return self._offset

    def tzname(self, dt):
        """If name is specified when timezone is created, returns the name.
        Otherwise returns offset as 'UTC(+|-)HH:MM'."""
        if dt is not None and not isinstance(dt, datetime):
            self._check_dt(dt, 'tzname')
        if self._name is not None:
            return self._name
        offset = self._offset
        if self is _UTC or not offset:
            return 'UTC'
        return 'UTC' + _format_offset(offset, ':')

    def dst(self, dt):
        """Return None."""
        if dt is not None and not isinstance(dt, datetime):
            self._check_dt(dt, 'dst')
        return None

    def fromutc(self, dt):
        """datetime in UTC -> datetime in local time."""
        if not isinstance(dt, datetime):
            raise TypeError('fromutc: argument must be a datetime')
        if dt._tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        return _add_datetime_us(dt, self._offset._to_us())


_UTC = object.__new__(timezone)
_UTC._offset = _td(0)
_UTC._name = None
timezone.utc = _UTC
timezone.min = _new_timezone(_td(-(23 * 3600 + 59 * 60) * 1000000), None)
timezone.max = _new_timezone(_td((23 * 3600 + 59 * 60) * 1000000), None)

_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)

date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = _td(86400000000)
time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = _td(1)
datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = _td(1)

# The classes whose names CPython's messages qualify with the module.
_C_TYPES = frozenset([date, datetime, time, timedelta, tzinfo, timezone, _IsoCalendarDate])


def __dir__():
    # The public names, as dir() of CPython's module (whose helpers are
    # deleted after import) shows them.
    return sorted([name for name in globals()
                   if (not name.startswith('_') or name.startswith('__') and name.endswith('__'))
                   and name != '__dir__'])
