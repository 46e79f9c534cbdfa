package dev.qwen3vl.cli;

/**
 * One checked golden case.
 *
 * @param name case (and what of it)
 * @param metric what was compared
 * @param error largest absolute difference (0 for exact comparisons that hold, 1 for those that fail)
 * @param tolerance the allowed difference
 * @param status outcome
 * @param note details, e.g. what differed
 */
public record CaseResult(String name, String metric, double error, double tolerance, Status status, String note) {

    /** Outcome of a case. */
    public enum Status {
        /** Within tolerance. */
        PASS,
        /** Outside tolerance. */
        FAIL
    }

    static CaseResult compare(String name, String metric, double error, double tolerance) {
        return new CaseResult(name, metric, error, tolerance, error <= tolerance ? Status.PASS : Status.FAIL, "");
    }

    static CaseResult exact(String name, String metric, boolean equal, String note) {
        return new CaseResult(name, metric, equal ? 0 : 1, 0, equal ? Status.PASS : Status.FAIL, equal ? "" : note);
    }

    /** One line: name, metric, error, PASS/FAIL. */
    String line() {
        String err = String.format("%.3g", error);
        return String.format("%-44s %-40s err=%-10s %s%s", name, metric, err, status,
                note.isEmpty() ? "" : "  (" + note + ")");
    }

    /** One line with the compute type and the tolerance the error was held to. */
    String line(String dtype) {
        String err = String.format("%.3g", error);
        return String.format("%-44s %-40s %-8s err=%-10s tol=%-7s %s%s", name, metric, dtype, err,
                String.format("%.3g", tolerance), status, note.isEmpty() ? "" : "  (" + note + ")");
    }
}
