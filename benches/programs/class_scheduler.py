# Class-heavy simulation: a task scheduler with an inheritance hierarchy,
# properties, class attributes, __lt__ for a hand-written heap, __repr__,
# __eq__/__hash__, user exceptions and isinstance dispatch.


class SchedulerError(Exception):
    pass


class Task:
    next_id = 0

    def __init__(self, name, priority, cost):
        Task.next_id += 1
        self.id = Task.next_id
        self.name = name
        self.priority = priority
        self.cost = cost
        self.done = 0

    @property
    def remaining(self):
        return self.cost - self.done

    def __lt__(self, other):
        if self.priority != other.priority:
            return self.priority < other.priority
        return self.id < other.id

    def __eq__(self, other):
        return isinstance(other, Task) and self.id == other.id

    def __hash__(self):
        return hash(self.id)

    def step(self, quantum):
        used = min(quantum, self.remaining)
        self.done += used
        return used

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, p={self.priority})"


class IOTask(Task):
    def step(self, quantum):
        return super().step(max(1, quantum // 2))


class BatchTask(Task):
    def __init__(self, name, priority, cost, batch):
        super().__init__(name, priority, cost)
        self.batch = batch

    def step(self, quantum):
        return super().step(quantum * self.batch)


class Heap:
    def __init__(self):
        self.items = []

    def __len__(self):
        return len(self.items)

    def push(self, x):
        items = self.items
        items.append(x)
        i = len(items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if items[i] < items[parent]:
                items[i], items[parent] = items[parent], items[i]
                i = parent
            else:
                break

    def pop(self):
        items = self.items
        if not items:
            raise SchedulerError("pop from empty heap")
        top = items[0]
        last = items.pop()
        if items:
            items[0] = last
            i = 0
            n = len(items)
            while True:
                l = 2 * i + 1
                r = l + 1
                m = i
                if l < n and items[l] < items[m]:
                    m = l
                if r < n and items[r] < items[m]:
                    m = r
                if m == i:
                    break
                items[i], items[m] = items[m], items[i]
                i = m
        return top


class Scheduler:
    def __init__(self, quantum):
        self.quantum = quantum
        self.queue = Heap()
        self.clock = 0
        self.finished = {}

    def submit(self, task):
        self.queue.push(task)

    def run(self):
        while self.queue:
            task = self.queue.pop()
            self.clock += task.step(self.quantum)
            if task.remaining > 0:
                task.priority += 1
                self.queue.push(task)
            else:
                self.finished[task] = self.clock
        return self.clock


kinds = [Task, IOTask, BatchTask]
total = 0
for round_no in range(25):
    s = Scheduler(3 + round_no % 4)
    for i in range(300):
        kind = kinds[i % 3]
        if kind is BatchTask:
            t = kind(f"t{i}", i % 7, 5 + i % 13, 2)
        else:
            t = kind(f"t{i}", i % 7, 5 + i % 13)
        s.submit(t)
    total += s.run()
    if round_no == 0:
        last = sorted(s.finished, key=lambda t: s.finished[t])[-3:]
        print(last, len(s.finished))
print(total)
try:
    Heap().pop()
except SchedulerError as e:
    print("error:", e)
