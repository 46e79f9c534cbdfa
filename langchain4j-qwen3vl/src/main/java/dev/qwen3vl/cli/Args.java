package dev.qwen3vl.cli;

import java.util.ArrayList;
import java.util.List;

/** Command-line arguments: {@code --name value} options, repeatable, plus bare flags and positionals. */
final class Args {

    private final List<String> args;

    Args(List<String> args) {
        this.args = args;
    }

    /** Last value of {@code --name}, or the default. */
    String option(String name, String defaultValue) {
        List<String> all = options(name);
        return all.isEmpty() ? defaultValue : all.get(all.size() - 1);
    }

    /** Every value given for {@code --name}, in order. */
    List<String> options(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                out.add(args.get(++i));
            }
        }
        return out;
    }

    /** Whether the bare flag {@code --name} is present. */
    boolean flag(String name) {
        return args.contains(name);
    }

    /** The first argument not starting with {@code --} and not the value of an option. */
    String positional(int index) {
        int seen = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("--") && !isFlag(a)) {
                    i++;
                }
                continue;
            }
            if (seen++ == index) {
                return a;
            }
        }
        return null;
    }

    private static boolean isFlag(String a) {
        return a.equals("--text") || a.equals("--image") || a.equals("--truncate") || a.equals("--load")
                || a.equals("--quantization-report");
    }
}
