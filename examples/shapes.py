"""Classes in pyvm: an abstract base, inheritance, properties, operator
overloading, sorting by __lt__, and a class registry via __init_subclass__."""


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __repr__(self):
        return f"Vec({self.x:g}, {self.y:g})"


class Shape:
    registry = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Shape.registry[cls.__name__.lower()] = cls

    def __init__(self, origin):
        self.origin = origin

    @property
    def area(self):
        raise NotImplementedError(f"{type(self).__name__} has no area")

    def __lt__(self, other):
        return self.area < other.area

    def __repr__(self):
        return f"{type(self).__name__}(area={self.area:.2f}, at {self.origin})"


class Rect(Shape):
    def __init__(self, origin, w, h):
        super().__init__(origin)
        self.w, self.h = w, h

    @property
    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, origin, side):
        super().__init__(origin, side, side)


class Circle(Shape):
    PI = 3.141592653589793

    def __init__(self, origin, r):
        super().__init__(origin)
        self.r = r

    @property
    def area(self):
        return self.PI * self.r ** 2


shapes = [Rect(Vec(0, 0), 3, 4), Circle(Vec(1, 1), 1.5), Square(2 * Vec(1, 2), 2)]
for s in sorted(shapes):
    print(s)
print("registry:", sorted(Shape.registry))
print("Square MRO:", [c.__name__ for c in Square.__mro__])
make = Shape.registry["circle"]
print(make(Vec(0, 0) + Vec(3, 4), 1))
try:
    Shape(Vec(0, 0)).area
except NotImplementedError as e:
    print("NotImplementedError:", e)
