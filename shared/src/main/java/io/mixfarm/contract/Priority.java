package io.mixfarm.contract;

/** Scheduling class of a session; workers take higher classes first when they have a choice. */
public enum Priority {
    HIGH,
    NORMAL,
    LOW
}
