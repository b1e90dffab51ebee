"""strptime for datetime.datetime.strptime and time.strptime (pyvm's own).

Parses with the directives of CPython 3.10's _strptime in the C locale:
%a %A %b %B %c %d %f %G %H %I %j %m %M %p %S %u %U %V %w %W %x %X %y %Y
%z %Z %%, each turned into a regular expression and matched case-insensitively,
then the fields are combined as CPython does (two-digit years, AM/PM, week
numbers, ISO weeks, day of the year) with its error messages. Locale-specific
names (other than the C locale's English ones) are not supported.
"""

import re as _re
import time as _time

__all__ = []

# The C locale's names, lowercased; index 0 of the months is unused.
_F_WEEKDAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday',
              'saturday', 'sunday']
_A_WEEKDAY = [d[:3] for d in _F_WEEKDAY]
_F_MONTH = ['', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
            'august', 'september', 'october', 'november', 'december']
_A_MONTH = [''] + [m[:3] for m in _F_MONTH[1:]]
_AM_PM = ['am', 'pm']

# The directives that are not names.
_NUMERIC = {
    'd': r"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])",
    'f': r"(?P<f>[0-9]{1,6})",
    'H': r"(?P<H>2[0-3]|[0-1]\d|\d)",
    'I': r"(?P<I>1[0-2]|0[1-9]|[1-9])",
    'G': r"(?P<G>\d\d\d\d)",
    'j': r"(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])",
    'm': r"(?P<m>1[0-2]|0[1-9]|[1-9])",
    'M': r"(?P<M>[0-5]\d|\d)",
    'S': r"(?P<S>6[0-1]|[0-5]\d|\d)",
    'U': r"(?P<U>5[0-3]|[0-4]\d|\d)",
    'w': r"(?P<w>[0-6])",
    'u': r"(?P<u>[1-7])",
    'V': r"(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)",
    'y': r"(?P<y>\d\d)",
    'Y': r"(?P<Y>\d\d\d\d)",
    'z': r"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))",
    '%': '%',
}
_NUMERIC['W'] = _NUMERIC['U'].replace('U', 'W')

# The C locale's %c, %x and %X.
_LC_DATE_TIME = '%a %b %d %H:%M:%S %Y'
_LC_DATE = '%m/%d/%y'
_LC_TIME = '%H:%M:%S'

_directives = None
_regex_cache = {}
_CACHE_MAX = 100


def _seq_to_re(names, directive):
    """An alternation of names, longest first (so that a prefix does not win)."""
    names = sorted(names, key=len, reverse=True)
    for value in names:
        if value != '':
            break
    else:
        return ''
    return '(?P<%s>%s)' % (directive, '|'.join([_re.escape(n) for n in names]))


def _timezones():
    tzname = _time.tzname
    no_saving = frozenset({'utc', 'gmt', tzname[0].lower()})
    if _time.daylight:
        has_saving = frozenset({tzname[1].lower()})
    else:
        has_saving = frozenset()
    return (no_saving, has_saving)


def _get_directives():
    global _directives
    if _directives is None:
        d = dict(_NUMERIC)
        d['A'] = _seq_to_re(_F_WEEKDAY, 'A')
        d['a'] = _seq_to_re(_A_WEEKDAY, 'a')
        d['B'] = _seq_to_re(_F_MONTH[1:], 'B')
        d['b'] = _seq_to_re(_A_MONTH[1:], 'b')
        d['p'] = _seq_to_re(_AM_PM, 'p')
        d['Z'] = _seq_to_re([tz for names in _timezones() for tz in names], 'Z')
        d['c'] = _pattern(_LC_DATE_TIME, d)
        d['x'] = _pattern(_LC_DATE, d)
        d['X'] = _pattern(_LC_TIME, d)
        _directives = d
    return _directives


_REGEX_CHARS = frozenset('\\.^$*+?(){}[]|')


def _pattern(format, directives):
    """The regular expression of a format: regex characters escaped, runs of
    whitespace matching any whitespace, directives replaced."""
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c.isspace():
            j = i + 1
            while j < n and format[j].isspace():
                j += 1
            out.append(r'\s+')
            i = j
        elif c == '%':
            if i + 1 >= n:
                raise IndexError(i + 1)
            nxt = format[i + 1]
            if nxt.isspace():
                # '%' followed by whitespace: CPython looks up the escaped
                # whitespace pattern's backslash.
                raise KeyError('\\')
            if nxt in _REGEX_CHARS:
                # CPython escapes the character first, so it sees '\\'.
                raise KeyError('\\')
            out.append(directives[nxt])
            i += 2
        elif c in _REGEX_CHARS:
            out.append('\\' + c)
            i += 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def _compile(format):
    regex = _regex_cache.get(format)
    if regex is None:
        try:
            regex = _re.compile(_pattern(format, _get_directives()), _re.IGNORECASE)
        except KeyError as err:
            bad = err.args[0]
            if bad == '\\':
                bad = '%'
            raise ValueError("'%s' is a bad directive in format '%s'"
                             % (bad, format)) from None
        except IndexError:
            raise ValueError("stray %% in format '%s'" % format) from None
        if len(_regex_cache) > _CACHE_MAX:
            _regex_cache.clear()
        _regex_cache[format] = regex
    return regex


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _calc_julian_from_U_or_W(year, week_of_year, day_of_week, week_starts_Mon):
    """The day of the year from a %U/%W week number and a weekday."""
    from datetime import date
    first_weekday = date(year, 1, 1).weekday()
    if not week_starts_Mon:
        # %U: weeks start on Sunday.
        first_weekday = (first_weekday + 1) % 7
        day_of_week = (day_of_week + 1) % 7
    week_0_length = (7 - first_weekday) % 7
    if week_of_year == 0:
        return 1 + day_of_week - first_weekday
    return 1 + week_0_length + 7 * (week_of_year - 1) + day_of_week


def _calc_julian_from_V(iso_year, iso_week, iso_weekday):
    """(year, day of the year) from an ISO year, week and weekday (1-7)."""
    from datetime import date
    correction = date(iso_year, 1, 4).isoweekday() + 3
    ordinal = (iso_week * 7) + iso_weekday - correction
    if ordinal < 1:
        # In the previous calendar year.
        ordinal += date(iso_year, 1, 1).toordinal()
        iso_year -= 1
        ordinal -= date(iso_year, 1, 1).toordinal()
    return iso_year, ordinal


def _strptime(data_string, format="%a %b %d %H:%M:%S %Y"):
    """Return a 2-tuple consisting of a time struct and an int containing
    the number of microseconds based on the input string and the
    format string."""
    for index, arg in enumerate([data_string, format]):
        if not isinstance(arg, str):
            msg = "strptime() argument {} must be str, not {}"
            raise TypeError(msg.format(index, type(arg)))

    found = _compile(format).match(data_string)
    if not found:
        raise ValueError("time data %r does not match format %r" % (data_string, format))
    if len(data_string) != found.end():
        raise ValueError("unconverted data remains: %s" % data_string[found.end():])

    from datetime import date
    iso_year = year = None
    month = day = 1
    hour = minute = second = fraction = 0
    tz = -1
    gmtoff = None
    gmtoff_fraction = 0
    iso_week = week_of_year = None
    week_of_year_start = None
    # weekday and julian are left None unless given.
    weekday = julian = None
    found_dict = found.groupdict()
    for key in found_dict:
        value = found_dict[key]
        if key == 'y':
            year = int(value)
            # POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068.
            if year <= 68:
                year += 2000
            else:
                year += 1900
        elif key == 'Y':
            year = int(value)
        elif key == 'G':
            iso_year = int(value)
        elif key == 'm':
            month = int(value)
        elif key == 'B':
            month = _F_MONTH.index(value.lower())
        elif key == 'b':
            month = _A_MONTH.index(value.lower())
        elif key == 'd':
            day = int(value)
        elif key == 'H':
            hour = int(value)
        elif key == 'I':
            hour = int(value)
            ampm = found_dict.get('p', '').lower()
            if ampm in ('', _AM_PM[0]):
                # 12 AM is midnight.
                if hour == 12:
                    hour = 0
            elif ampm == _AM_PM[1]:
                # 12 PM is noon.
                if hour != 12:
                    hour += 12
        elif key == 'M':
            minute = int(value)
        elif key == 'S':
            second = int(value)
        elif key == 'f':
            fraction = int(value + '0' * (6 - len(value)))
        elif key == 'A':
            weekday = _F_WEEKDAY.index(value.lower())
        elif key == 'a':
            weekday = _A_WEEKDAY.index(value.lower())
        elif key == 'w':
            weekday = int(value)
            if weekday == 0:
                weekday = 6
            else:
                weekday -= 1
        elif key == 'u':
            weekday = int(value) - 1
        elif key == 'j':
            julian = int(value)
        elif key == 'U' or key == 'W':
            week_of_year = int(value)
            week_of_year_start = 6 if key == 'U' else 0
        elif key == 'V':
            iso_week = int(value)
        elif key == 'z':
            z = value
            if z == 'Z':
                gmtoff = 0
            else:
                if z[3] == ':':
                    z = z[:3] + z[4:]
                    if len(z) > 5:
                        if z[5] != ':':
                            raise ValueError("Inconsistent use of : in %s" % value)
                        z = z[:5] + z[6:]
                hours = int(z[1:3])
                minutes = int(z[3:5])
                seconds = int(z[5:7] or 0)
                gmtoff = (hours * 60 * 60) + (minutes * 60) + seconds
                rest = z[8:]
                gmtoff_fraction = int(rest + '0' * (6 - len(rest)))
                if z.startswith('-'):
                    gmtoff = -gmtoff
                    gmtoff_fraction = -gmtoff_fraction
        elif key == 'Z':
            found_zone = value.lower()
            for index, names in enumerate(_timezones()):
                if found_zone in names:
                    # Same names for standard and daylight time with
                    # daylight saving: too ambiguous to tell.
                    tzname = _time.tzname
                    if (tzname[0] == tzname[1] and _time.daylight
                            and found_zone not in ('utc', 'gmt')):
                        break
                    tz = index
                    break

    # ISO year and week go together, with a weekday, and exclude %Y and %j.
    if year is None and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with "
                             "the ISO week directive '%V' and a weekday "
                             "directive ('%A', '%a', '%w', or '%u').")
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not "
                             "compatible with ISO year directive '%G'. "
                             "Use '%Y' instead.")
    elif week_of_year is None and iso_week is not None:
        if weekday is None:
            raise ValueError("ISO week directive '%V' must be used with "
                             "the ISO year directive '%G' and a weekday "
                             "directive ('%A', '%a', '%w', or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with "
                         "the year directive '%Y'. Use the ISO year '%G' "
                         "instead.")

    leap_year_fix = False
    if year is None and month == 2 and day == 29:
        year = 1904  # a leap year, so that Feb 29 is valid
        leap_year_fix = True
    elif year is None:
        year = 1900

    # The day of the year from a week number (or ISO week) and a weekday.
    if julian is None and weekday is not None:
        if week_of_year is not None:
            julian = _calc_julian_from_U_or_W(year, week_of_year, weekday,
                                              week_of_year_start == 0)
        elif iso_year is not None and iso_week is not None:
            year, julian = _calc_julian_from_V(iso_year, iso_week, weekday + 1)
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if _is_leap(year) else 365

    if julian is None:
        julian = date(year, month, day).toordinal() - date(year, 1, 1).toordinal() + 1
    else:
        result = date.fromordinal((julian - 1) + date(year, 1, 1).toordinal())
        year = result.year
        month = result.month
        day = result.day
    if weekday is None:
        weekday = date(year, month, day).weekday()

    tzname = found_dict.get('Z')
    if leap_year_fix:
        # Back to the default year, so that Feb 29 sorts before Mar 1.
        year = 1900

    return ((year, month, day, hour, minute, second, weekday, julian, tz, tzname, gmtoff),
            fraction, gmtoff_fraction)


def _strptime_time(data_string, format="%a %b %d %H:%M:%S %Y"):
    """time.strptime: a time.struct_time from the string."""
    tt = _strptime(data_string, format)[0]
    return _time.struct_time(tt[:9])


def _strptime_datetime(cls, data_string, format="%a %b %d %H:%M:%S %Y"):
    """An instance of cls (datetime.datetime or a subclass) from the
    string, with a timezone for %z."""
    tt, fraction, gmtoff_fraction = _strptime(data_string, format)
    tzname, gmtoff = tt[-2:]
    args = tt[:6] + (fraction,)
    if gmtoff is not None:
        from datetime import timedelta, timezone
        tzdelta = timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
        if tzname:
            tz = timezone(tzdelta, tzname)
        else:
            tz = timezone(tzdelta)
        args += (tz,)
    return cls(*args)
