package dev.qwen3vl.inference;

/** A request refused because the inference queue is full: the caller should slow down or retry later. */
public final class QueueFullException extends IllegalStateException {

    /**
     * @param capacity the queue's capacity
     */
    public QueueFullException(int capacity) {
        super("The Qwen3-VL inference queue is full (" + capacity + " requests waiting); retry later or raise "
                + "the queue size");
    }
}
