"""Close errors reach the thread that closed the file, even while other threads close theirs."""
import sys
import threading

import pytest

from sensetrack.core.output_checks import collect_unraisable


class FailsWhenDeleted:
    """Like a GDAL dataset whose close fails: the error is raised in ``__del__``, where Python cannot raise."""

    def __init__(self, message):
        self.message = message

    def __del__(self):
        raise RuntimeError(self.message)


def test_an_error_in_a_destructor_is_collected_on_its_own_thread_only():
    inside_a = threading.Event()
    b_done = threading.Event()
    seen = {}

    def thread_a():
        with collect_unraisable() as lost:
            inside_a.set()
            b_done.wait(10)  # thread B closes its "file" while A is still collecting
            obj = FailsWhenDeleted("A's close failed")
            del obj
        seen["a"] = [str(e) for e in lost]

    def thread_b():
        inside_a.wait(10)
        with collect_unraisable() as lost:
            obj = FailsWhenDeleted("B's close failed")
            del obj
        seen["b"] = [str(e) for e in lost]
        b_done.set()

    threads = [threading.Thread(target=thread_a), threading.Thread(target=thread_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert seen == {"a": ["A's close failed"], "b": ["B's close failed"]}


def test_outside_a_collection_errors_go_to_the_previous_hook(monkeypatch):
    with collect_unraisable():
        pass
    got = []
    monkeypatch.setattr("sensetrack.core.output_checks._previous_hook", {"hook": lambda info: got.append(info)})
    obj = FailsWhenDeleted("elsewhere")
    del obj
    assert sys.unraisablehook.__name__ == "_dispatch_unraisable"
    assert [str(i.exc_value) for i in got] == ["elsewhere"]


def test_collections_nest():
    with collect_unraisable() as outer:
        with collect_unraisable() as inner:
            obj = FailsWhenDeleted("inner")
            del obj
        obj = FailsWhenDeleted("outer")
        del obj
    assert [str(e) for e in inner] == ["inner"] and [str(e) for e in outer] == ["outer"]


class FakeDataset(FailsWhenDeleted):
    """A dataset whose flush waits for ``wait`` after setting ``entered``, and whose close fails."""

    def __init__(self, message, entered, wait):
        super().__init__(message)
        self.entered, self.wait = entered, wait

    def FlushCache(self):  # noqa: N802 - GDAL's name
        self.entered.set()
        if self.wait is not None:
            self.wait.wait(10)


def test_close_dataset_on_two_threads_reports_each_failure_to_its_own_writer():
    """A closes while B is inside its own close: A's error must fail A (not vanish into B's hook)."""
    from sensetrack.core.errors import OutputError
    from sensetrack.core.output_checks import close_dataset

    a_in, b_in, a_done = threading.Event(), threading.Event(), threading.Event()
    outcome = {}

    def writer(name, message, entered, wait, start=None):
        if start is not None:
            start.wait(10)
        try:
            close_dataset([FakeDataset(message, entered, wait)], name)  # the holder has the only reference
            outcome[name] = "closed"
        except OutputError as exc:
            outcome[name] = str(exc)
        finally:
            if name == "a.tif":
                a_done.set()

    # A enters first and waits until B is inside its close; B then waits until A has finished
    a = threading.Thread(target=writer, args=("a.tif", "A's close failed", a_in, b_in))
    b = threading.Thread(target=writer, args=("b.tif", "B's close failed", b_in, a_done, a_in))
    a.start()
    b.start()
    a.join(20)
    b.join(20)
    assert "A's close failed" in outcome["a.tif"] and "B's close failed" not in outcome["a.tif"]
    assert "B's close failed" in outcome["b.tif"] and "A's close failed" not in outcome["b.tif"]
