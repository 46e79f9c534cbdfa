package dev.qwen3vl.spark;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * Which device a task runs its model on. With {@code --device auto} that is the GPU Spark assigned to the task
 * ({@code spark.task.resource.gpu.amount}; with a fraction such as 0.25, four tasks share a GPU and its one model), and
 * the CPU when Spark assigned none.
 */
final class TaskDevice {

    private static final Pattern NAMES = Pattern.compile("auto|cpu|gpu|gpu:\\d+");

    private TaskDevice() {
    }

    /**
     * @param device the {@code --device} value
     * @throws IllegalArgumentException if it is not {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     */
    static void check(String device) {
        if (device == null || !NAMES.matcher(device.strip().toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("Unknown --device '" + device + "'; use auto (the GPU Spark assigns to "
                    + "each task, else the CPU), cpu, gpu or gpu:N");
        }
    }

    /**
     * The device for the calling task.
     *
     * @param device the {@code --device} value
     * @return {@code cpu}, {@code gpu} or {@code gpu:N}
     */
    static String resolve(String device) {
        String name = device.strip().toLowerCase(Locale.ROOT);
        if (!name.equals("auto")) {
            return name;
        }
        TaskContext task = TaskContext.get();
        if (task == null) {
            return "cpu";
        }
        Map<String, ResourceInformation> resources = task.resourcesJMap();
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return "cpu";
        }
        return "gpu:" + gpu.addresses()[0].strip();
    }

    /**
     * @param device a resolved device
     * @return whether it is a GPU
     */
    static boolean isGpu(String device) {
        return device.startsWith("gpu");
    }
}
