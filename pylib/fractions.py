"""Fraction, infinite-precision, real numbers (pyvm's implementation of the fractions module).

Fraction behaves as CPython 3.10's: construction from ints, floats, strings
('3/4', '-1.5e3') and other Fractions, exact arithmetic and comparisons with
int/float/complex operands, the same hash as CPython, repr/str,
limit_denominator, as_integer_ratio, floor/ceil/round/trunc and powers.

Differences: there is no decimal module, so Decimal arguments are not
recognised (from_decimal accepts ints only).  Fraction is registered with
numbers.Rational when a numbers module can be imported; it does not inherit
from it.
"""

import math as _math
import sys as _sys

__all__ = ['Fraction']

try:
    _PyHASH_MODULUS = _sys.hash_info.modulus
    _PyHASH_INF = _sys.hash_info.inf
except AttributeError:      # the 64-bit values
    _PyHASH_MODULUS = 2305843009213693951
    _PyHASH_INF = 314159

_gcd = _math.gcd

try:
    import numbers as _numbers
except ImportError:
    _numbers = None


def _is_rational(x):
    if isinstance(x, (int, Fraction)):
        return True
    return _numbers is not None and isinstance(x, _numbers.Rational)


def _is_real(x):
    if isinstance(x, (int, float, Fraction)):
        return True
    return _numbers is not None and isinstance(x, _numbers.Real)


def _is_complex(x):
    if isinstance(x, (int, float, complex, Fraction)):
        return True
    return _numbers is not None and isinstance(x, _numbers.Complex)


def _is_integral(x):
    if isinstance(x, int):
        return True
    return _numbers is not None and isinstance(x, _numbers.Integral)


def _parse(s):
    """(numerator, denominator) of a string as the 3.10 _RATIONAL_FORMAT
    regular expression reads it, or None when it does not match."""
    n = len(s)
    i = 0
    while i < n and s[i].isspace():
        i += 1
    neg = False
    if i < n and s[i] in '+-':
        neg = s[i] == '-'
        i += 1
    # a digit, or a point followed by a digit, must come next
    if i >= n or not (s[i].isdecimal() or
                      (s[i] == '.' and i + 1 < n and s[i + 1].isdecimal())):
        return None
    start = i
    while i < n and s[i].isdecimal():
        i += 1
    num = int(s[start:i]) if i > start else 0
    den = 1
    if i < n and s[i] == '/':
        i += 1
        start = i
        while i < n and s[i].isdecimal():
            i += 1
        if i == start:
            return None
        den = int(s[start:i])
    else:
        if i < n and s[i] == '.':
            i += 1
            start = i
            while i < n and s[i].isdecimal():
                i += 1
            if i > start:
                scale = 10 ** (i - start)
                num = num * scale + int(s[start:i])
                den = scale
        if i < n and s[i] in 'eE':
            j = i + 1
            if j < n and s[j] in '+-':
                j += 1
            start = j
            while j < n and s[j].isdecimal():
                j += 1
            if j > start:
                exp = int(s[i + 1:j])
                if exp >= 0:
                    num *= 10 ** exp
                else:
                    den *= 10 ** -exp
                i = j
    while i < n and s[i].isspace():
        i += 1
    if i != n:
        return None
    return (-num if neg else num), den


def _raw(numerator, denominator):
    """A Fraction from a normalised pair (denominator > 0, no common factor):
    Fraction(numerator, denominator, _normalize=False) without the checks."""
    self = _object_new(Fraction)
    self._numerator = numerator
    self._denominator = denominator
    return self


_object_new = object.__new__


def _operator_fallbacks(monomorphic, fallback, name):
    """Forward and reverse methods for an operator: exact for rationals,
    through float or complex for other numbers."""
    def forward(a, b):
        if isinstance(b, (int, Fraction)):
            return monomorphic(a, b)
        elif isinstance(b, float):
            return fallback(float(a), b)
        elif isinstance(b, complex):
            return fallback(complex(a), b)
        return NotImplemented
    forward.__name__ = forward.__qualname__ = '__' + name + '__'
    forward.__doc__ = monomorphic.__doc__

    def reverse(b, a):
        if _is_rational(a):
            return monomorphic(a, b)
        elif _is_real(a):
            return fallback(float(a), float(b))
        elif _is_complex(a):
            return fallback(complex(a), complex(b))
        return NotImplemented
    reverse.__name__ = reverse.__qualname__ = '__r' + name + '__'
    reverse.__doc__ = monomorphic.__doc__
    return forward, reverse


class Fraction:
    """This class implements rational numbers.

    In the two-argument form of the constructor, Fraction(8, 6) will
    produce a rational number equivalent to 4/3. Both arguments must
    be Rational. The numerator defaults to 0 and the denominator
    defaults to 1 so that Fraction(3) == 3 and Fraction() == 0.

    Fractions can also be constructed from:

      - numeric strings similar to those accepted by the
        float constructor (for example, '-2.3' or '1e10')

      - strings of the form '123/456'

      - float instances

      - other Rational instances (including integers)
    """

    __slots__ = ('_numerator', '_denominator')

    def __new__(cls, numerator=0, denominator=None, *, _normalize=True):
        """Constructs a Rational.

        Takes a string like '3/2' or '1.5', another Rational instance, a
        numerator/denominator pair, or a float.
        """
        self = object.__new__(cls)
        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self
            elif _is_rational(numerator):
                self._numerator = numerator.numerator
                self._denominator = numerator.denominator
                return self
            elif isinstance(numerator, float):
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            elif isinstance(numerator, str):
                parsed = _parse(numerator)
                if parsed is None:
                    raise ValueError('Invalid literal for Fraction: %r' % numerator)
                numerator, denominator = parsed
            else:
                raise TypeError('argument should be a string or a Rational instance')
        elif type(numerator) is int is type(denominator):
            pass    # the most common case
        elif _is_rational(numerator) and _is_rational(denominator):
            numerator, denominator = (
                numerator.numerator * denominator.denominator,
                denominator.numerator * numerator.denominator)
        else:
            raise TypeError('both arguments should be Rational instances')
        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        if _normalize:
            g = _gcd(numerator, denominator)
            if denominator < 0:
                g = -g
            numerator //= g
            denominator //= g
        self._numerator = numerator
        self._denominator = denominator
        return self

    @classmethod
    def from_float(cls, f):
        """Converts a finite float to a rational number, exactly.

        Beware that Fraction.from_float(0.3) != Fraction(3, 10).
        """
        if _is_integral(f):
            return cls(f)
        elif not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)' %
                            (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        """Converts a finite Decimal instance to a rational number, exactly."""
        if _is_integral(dec):
            return cls(int(dec))
        raise TypeError('%s.from_decimal() only takes Decimals, not %r (%s)' %
                        (cls.__name__, dec, type(dec).__name__))

    def as_integer_ratio(self):
        """Return the integer ratio as a tuple.

        Return a tuple of two integers, whose ratio is equal to the
        Fraction and with a positive denominator.
        """
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        """Closest Fraction to self with denominator at most max_denominator.

        >>> Fraction('3.141592653589793').limit_denominator(10)
        Fraction(22, 7)
        >>> Fraction('3.141592653589793').limit_denominator(100)
        Fraction(311, 99)
        >>> Fraction(4321, 8765).limit_denominator(10000)
        Fraction(4321, 8765)
        """
        # The best approximations are among the convergents of the continued
        # fraction of self and the semiconvergents next to the last one that
        # fits; see the bound1/bound2 comparison at the end.
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        bound1 = Fraction(p0 + k * p1, q0 + k * q1)
        bound2 = Fraction(p1, q1)
        if abs(bound2 - self) <= abs(bound1 - self):
            return bound2
        return bound1

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def __repr__(self):
        """repr(self)"""
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        """str(self)"""
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    # ---- arithmetic

    def _add(a, b):
        """a + b"""
        na, da = a.numerator, a.denominator
        nb, db = b.numerator, b.denominator
        g = _gcd(da, db)
        if g == 1:
            return _raw(na * db + da * nb, da * db)
        s = da // g
        t = na * (db // g) + nb * s
        g2 = _gcd(t, g)
        if g2 == 1:
            return _raw(t, s * db)
        return _raw(t // g2, s * (db // g2))

    __add__, __radd__ = _operator_fallbacks(_add, lambda x, y: x + y, 'add')

    def _sub(a, b):
        """a - b"""
        na, da = a.numerator, a.denominator
        nb, db = b.numerator, b.denominator
        g = _gcd(da, db)
        if g == 1:
            return _raw(na * db - da * nb, da * db)
        s = da // g
        t = na * (db // g) - nb * s
        g2 = _gcd(t, g)
        if g2 == 1:
            return _raw(t, s * db)
        return _raw(t // g2, s * (db // g2))

    __sub__, __rsub__ = _operator_fallbacks(_sub, lambda x, y: x - y, 'sub')

    def _mul(a, b):
        """a * b"""
        na, da = a.numerator, a.denominator
        nb, db = b.numerator, b.denominator
        g1 = _gcd(na, db)
        if g1 > 1:
            na //= g1
            db //= g1
        g2 = _gcd(nb, da)
        if g2 > 1:
            nb //= g2
            da //= g2
        return _raw(na * nb, db * da)

    __mul__, __rmul__ = _operator_fallbacks(_mul, lambda x, y: x * y, 'mul')

    def _div(a, b):
        """a / b"""
        na, da = a.numerator, a.denominator
        nb, db = b.numerator, b.denominator
        g1 = _gcd(na, nb)
        if g1 > 1:
            na //= g1
            nb //= g1
        g2 = _gcd(db, da)
        if g2 > 1:
            da //= g2
            db //= g2
        n, d = na * db, nb * da
        if d < 0:
            n, d = -n, -d
        elif not d:
            raise ZeroDivisionError('Fraction(%s, 0)' % n)
        return _raw(n, d)

    __truediv__, __rtruediv__ = _operator_fallbacks(_div, lambda x, y: x / y, 'truediv')

    def _floordiv(a, b):
        """a // b"""
        return (a.numerator * b.denominator) // (a.denominator * b.numerator)

    __floordiv__, __rfloordiv__ = _operator_fallbacks(_floordiv, lambda x, y: x // y, 'floordiv')

    def _divmod(a, b):
        """(a // b, a % b)"""
        da, db = a.denominator, b.denominator
        div, n_mod = divmod(a.numerator * db, da * b.numerator)
        return div, Fraction(n_mod, da * db)

    __divmod__, __rdivmod__ = _operator_fallbacks(_divmod, divmod, 'divmod')

    def _mod(a, b):
        """a % b"""
        da, db = a.denominator, b.denominator
        return Fraction((a.numerator * db) % (b.numerator * da), da * db)

    __mod__, __rmod__ = _operator_fallbacks(_mod, lambda x, y: x % y, 'mod')

    def __pow__(a, b):
        """a ** b

        If b is not an integer, the result will be a float or complex
        since roots are generally irrational. If b is an integer, the
        result will be rational.
        """
        if _is_rational(b):
            if b.denominator == 1:
                power = b.numerator
                if power >= 0:
                    return Fraction(a._numerator ** power, a._denominator ** power,
                                    _normalize=False)
                elif a._numerator >= 0:
                    return Fraction(a._denominator ** -power, a._numerator ** -power,
                                    _normalize=False)
                else:
                    return Fraction((-a._denominator) ** -power, (-a._numerator) ** -power,
                                    _normalize=False)
            return float(a) ** float(b)
        return float(a) ** b

    def __rpow__(b, a):
        """a ** b"""
        if b._denominator == 1 and b._numerator >= 0:
            # a ** non-negative integer: a's own type does it
            return a ** b._numerator
        if _is_rational(a):
            return Fraction(a.numerator, a.denominator) ** b
        if b._denominator == 1:
            return a ** b._numerator
        return a ** float(b)

    def __pos__(a):
        """+a: Coerces a subclass instance to Fraction"""
        return _raw(a._numerator, a._denominator)

    def __neg__(a):
        """-a"""
        return _raw(-a._numerator, a._denominator)

    def __abs__(a):
        """abs(a)"""
        return _raw(abs(a._numerator), a._denominator)

    def __trunc__(a):
        """trunc(a)"""
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    def __floor__(a):
        """math.floor(a)"""
        return a.numerator // a.denominator

    def __ceil__(a):
        """math.ceil(a)"""
        return -(-a.numerator // a.denominator)

    def __round__(self, ndigits=None):
        """round(self, ndigits)

        Rounds half toward even.
        """
        if ndigits is None:
            floor, remainder = divmod(self.numerator, self.denominator)
            if remainder * 2 < self.denominator:
                return floor
            elif remainder * 2 > self.denominator:
                return floor + 1
            elif floor % 2 == 0:
                return floor
            return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    # ---- what numbers.Rational/Real/Complex would supply

    def __float__(self):
        """float(self) = self.numerator / self.denominator"""
        return int(self.numerator) / int(self.denominator)

    def __complex__(self):
        """complex(self) == complex(float(self), 0)"""
        return complex(float(self))

    @property
    def real(self):
        """Real numbers are their real component."""
        return +self

    @property
    def imag(self):
        """Real numbers have no imaginary component."""
        return 0

    def conjugate(self):
        """Conjugate is a no-op for Reals."""
        return +self

    # ---- hashing and comparisons

    def __hash__(self):
        """hash(self)"""
        # the hash of n/d is n * inverse(d) modulo the prime 2**61 - 1, as
        # for ints and floats, so equal numbers hash equal
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            # d is divisible by the modulus: no inverse
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(a, b):
        """a == b"""
        if type(b) is int:
            return a._numerator == b and a._denominator == 1
        if _is_rational(b):
            return a._numerator == b.numerator and a._denominator == b.denominator
        if _is_complex(b) and b.imag == 0:
            b = b.real
        if isinstance(b, float):
            if _math.isnan(b) or _math.isinf(b):
                # -inf < any Fraction < inf; nan equals nothing
                return 0.0 == b
            return a == a.from_float(b)
        return NotImplemented

    def _richcmp(self, other, op):
        """Compare with a Rational or a float through op(x, y) -> bool;
        NotImplemented for anything else."""
        if _is_rational(other):
            return op(self._numerator * other.denominator,
                      self._denominator * other.numerator)
        if isinstance(other, float):
            if _math.isnan(other) or _math.isinf(other):
                return op(0.0, other)
            return op(self, self.from_float(other))
        return NotImplemented

    def __lt__(a, b):
        """a < b"""
        return a._richcmp(b, _lt)

    def __gt__(a, b):
        """a > b"""
        return a._richcmp(b, _gt)

    def __le__(a, b):
        """a <= b"""
        return a._richcmp(b, _le)

    def __ge__(a, b):
        """a >= b"""
        return a._richcmp(b, _ge)

    def __bool__(a):
        """a != 0"""
        return bool(a._numerator)

    # ---- copying and pickling: fractions are immutable

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        if type(self) == Fraction:
            return self
        return self.__class__(self._numerator, self._denominator)

    def __deepcopy__(self, memo):
        if type(self) == Fraction:
            return self
        return self.__class__(self._numerator, self._denominator)


def _lt(x, y):
    return x < y


def _gt(x, y):
    return x > y


def _le(x, y):
    return x <= y


def _ge(x, y):
    return x >= y


if _numbers is not None:
    _numbers.Rational.register(Fraction)
