# Classes with operator overloading: a small ray tracer over vector objects
# (attribute reads, __add__/__sub__/__mul__, method calls, properties).


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    @property
    def length(self):
        return self.dot(self) ** 0.5

    def normalized(self):
        n = self.length
        return Vec(self.x / n, self.y / n, self.z / n)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Shape:
    def __init__(self, color):
        self.color = color

    def intersect(self, ray):
        raise NotImplementedError


class Sphere(Shape):
    def __init__(self, center, radius, color):
        super().__init__(color)
        self.center = center
        self.radius = radius

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        t = -b - disc ** 0.5
        return t if t > 1e-6 else None

    def normal(self, p):
        return (p - self.center).normalized()


class Plane(Shape):
    def __init__(self, y, color):
        super().__init__(color)
        self.y = y

    def intersect(self, ray):
        d = ray.direction.y
        if abs(d) < 1e-9:
            return None
        t = (self.y - ray.origin.y) / d
        return t if t > 1e-6 else None

    def normal(self, p):
        return Vec(0.0, 1.0, 0.0)


class Scene:
    def __init__(self):
        self.shapes = []
        self.light = Vec(5.0, 10.0, -5.0)

    def add(self, shape):
        self.shapes.append(shape)
        return self

    def trace(self, ray):
        best = None
        best_t = 1e30
        for s in self.shapes:
            t = s.intersect(ray)
            if t is not None and t < best_t:
                best, best_t = s, t
        if best is None:
            return 0.0
        p = ray.at(best_t)
        n = best.normal(p)
        to_light = (self.light - p).normalized()
        shade = max(0.0, n.dot(to_light))
        return best.color * (0.2 + 0.8 * shade)


def render(scene, w, h):
    eye = Vec(0.0, 1.0, -4.0)
    total = 0.0
    rows = []
    for j in range(h):
        row = []
        for i in range(w):
            d = Vec((i - w / 2) / w, (h / 2 - j) / h, 1.0)
            v = scene.trace(Ray(eye, d))
            total += v
            row.append(" .:-=+*#%@"[min(9, int(v * 10))])
        rows.append("".join(row))
    return total, rows


scene = Scene()
scene.add(Sphere(Vec(0.0, 1.0, 3.0), 1.0, 0.9)).add(Sphere(Vec(-2.0, 0.5, 4.0), 0.5, 0.6))
scene.add(Sphere(Vec(2.0, 0.7, 5.0), 0.7, 0.8)).add(Plane(0.0, 0.5))
total = 0.0
for frame in range(6):
    t, rows = render(scene, 120, 60)
    total += t
for r in rows[::6]:
    print(r)
print(round(total, 6))
