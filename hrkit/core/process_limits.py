"""Caps on a child process's memory, for work that must not take a worker down."""

import resource


def address_space_bytes() -> int:
    """The address space this process maps now (its VmSize)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status")


def cap_address_space(extra_bytes: int) -> None:
    """Let this process map at most `extra_bytes` more than it maps now.

    Counted from what is mapped already because a Python process's libraries
    take a different amount on every machine; past the cap an allocation
    fails with MemoryError instead of the kernel killing a worker.
    """
    limit = address_space_bytes() + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
