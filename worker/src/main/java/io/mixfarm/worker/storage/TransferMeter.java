package io.mixfarm.worker.storage;

/** Counts the bytes the {@link ObjectStore} moves (worker metrics). Thread-safe. */
public interface TransferMeter {

    /** Counts nothing. */
    TransferMeter NONE = new TransferMeter() {
        @Override
        public void read(long bytes) {
        }

        @Override
        public void written(long bytes) {
        }
    };

    /** {@code bytes} of an object's content arrived (one ranged GET). */
    void read(long bytes);

    /** An object of {@code bytes} was stored. */
    void written(long bytes);
}
