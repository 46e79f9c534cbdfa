package dev.qwen3vl.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the job's progress on the driver when a task that processed sources ends, with the counters so far, and
 * every failed task attempt with its reason.
 */
final class ProgressListener extends SparkListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

    private final JobCounters counters;
    private final long total;
    private final AtomicLong reported = new AtomicLong();

    /**
     * @param counters the job's counters
     * @param total    the number of sources to process
     */
    ProgressListener(JobCounters counters, long total) {
        this.counters = counters;
        this.total = total;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.reason() instanceof TaskFailedReason failure) {
            LOG.warn("Task {} (partition {}, attempt {}) failed; Spark retries it up to spark.task.maxFailures times: "
                            + "{}", taskEnd.taskInfo().taskId(), taskEnd.taskInfo().partitionId(),
                    taskEnd.taskInfo().attemptNumber(), failure.toErrorString().lines().findFirst().orElse(""));
            return;
        }
        long files = counters.files.value();
        if (reported.getAndSet(files) != files) {
            LOG.info("Progress: {} of {} sources; {}", files, total, counters.progress());
        }
    }
}
