"""Summarises a start-up profile for infra/bench/startup.sh (PROFILE=true).

Input: async-profiler's collapsed stacks of one container's run (event=wall, interval 5 ms, option threads, so each
stack starts with its thread's name) and a threshold in ms. Output: the main thread's time until it parked after
"Started functions", as a tree of the frames that took at least the threshold (a chain of frames that pass the time
on to one callee is printed as its first and last frames). Wall-clock sampling counts the main thread while it waits
too, which on the start path is time the start spends. The other threads (the JIT's, the warm-up's, the clients') are
left out: without the C library's symbols their waits cannot be told from their work; the collapsed file holds them.

With --threads instead of a threshold, it prints every thread's total of the whole run, largest first, down to 50 ms.
That is meant for a CPU profile (event=itimer), where the totals are CPU time: what the main thread shared the two
cores with (the JIT's compiler threads above all), and how much CPU the main thread itself used to start.
"""
import re
import sys
from collections import defaultdict

PARKED_AFTER_START = "io/sensorfunctions/Application.main;java/util/concurrent/CountDownLatch.await"


def short(frame):
    frame = re.sub(r"_\[[jikl0-9]\]$", "", frame)
    if "/" in frame and "." in frame:
        path, _, method = frame.rpartition(".")
        return path.rpartition("/")[2] + "." + method
    return frame


def read_threads(path):
    threads = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        thread, _, frames = stack.partition(";")
        threads[thread.strip("[]").split(" tid=")[0]].append((frames, int(count)))
    return threads


def thread_totals(path, interval_ms=5, floor_ms=50):
    totals = {name: sum(count for _, count in stacks) * interval_ms for name, stacks in read_threads(path).items()}
    print(f"every thread over the whole run, ms (>= {floor_ms})")
    for name, ms in sorted(totals.items(), key=lambda kv: -kv[1]):
        if ms >= floor_ms:
            print(f"{ms:6d}  {name}")


def main(path, threshold_ms, interval_ms=5):
    threads = read_threads(path)
    main_name = next((name for name, stacks in threads.items()
                      if any("io/sensorfunctions/Application.main" in f for f, _ in stacks)), None)
    if main_name is None:
        print("no thread ran io.sensorfunctions.Application.main in", path)
        return
    root = {"ms": 0, "kids": {}}
    for frames, count in threads[main_name]:
        if PARKED_AFTER_START in frames or "Application.closeWithin" in frames:
            continue
        node = root
        node["ms"] += count * interval_ms
        for frame in frames.split(";"):
            node = node["kids"].setdefault(short(frame), {"ms": 0, "kids": {}})
            node["ms"] += count * interval_ms
    print(f"main thread ({main_name}): {root['ms']} ms until it parked after the start; frames >= {threshold_ms} ms")
    print_tree(root, threshold_ms, 1)


def print_tree(node, threshold, depth, via=None):
    for name, kid in sorted(node["kids"].items(), key=lambda kv: -kv[1]["ms"]):
        if kid["ms"] < threshold:
            continue
        big = [k for k in kid["kids"].values() if k["ms"] >= threshold]
        # A frame that hands (nearly) all its time to one callee adds nothing to read: follow it, and print the
        # chain as its first and last frames.
        if len(big) == 1 and kid["ms"] - big[0]["ms"] < threshold and depth > 1:
            print_tree(kid, threshold, depth, via or name)
            continue
        label = name if via is None or via == name else f"{via} > {name}"
        print(f"{kid['ms']:6d}  {'  ' * depth}{label}")
        print_tree(kid, threshold, depth + 1)


if __name__ == "__main__":
    if sys.argv[1] == "--threads":
        thread_totals(sys.argv[2])
    else:
        main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
