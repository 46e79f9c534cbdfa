package dev.qwen3vl.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (including {@code spark.hadoop.*} settings such as S3 credentials), carried to
 * the executors so that they open files exactly as the driver listed them.
 */
final class HadoopSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> values = new HashMap<>();

    /**
     * @param configuration the driver's configuration
     */
    HadoopSettings(Configuration configuration) {
        for (Map.Entry<String, String> entry : configuration) {
            values.put(entry.getKey(), entry.getValue());
        }
    }

    /** @return a configuration with the driver's values */
    Configuration configuration() {
        Configuration configuration = new Configuration(false);
        values.forEach(configuration::set);
        return configuration;
    }
}
