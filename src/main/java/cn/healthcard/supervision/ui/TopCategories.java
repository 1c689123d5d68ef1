package cn.healthcard.supervision.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A chart's categories cut to the {@value #TOP} largest by one value, the rest summed as one last category 其他
 * ("others"), so that a province's thousands of institutions draw a readable chart and a small option; the table
 * under the chart keeps every row. The kept keys map a click to its row; 其他 has no key and opens nothing.
 *
 * @param keys the kept categories' keys, largest first
 * @param labels the kept categories' labels, then the others' label when anything was cut
 * @param sums per category (as {@code labels}) the sums of every value
 */
record TopCategories(List<String> keys, List<String> labels, List<long[]> sums) {

    static final int TOP = 20;

    /**
     * @param sums per key its values (all of the same length)
     * @param by the index of the value that ranks the keys, or -1 for the sum of all values
     * @param names per key its label (the key itself when absent)
     */
    static TopCategories of(Map<String, long[]> sums, int by, Map<String, String> names, String others) {
        List<String> ranked = sums.keySet().stream()
                .sorted(Comparator.<String>comparingLong(k -> -rank(sums.get(k), by))
                        .thenComparing(Comparator.nullsFirst(Comparator.<String>naturalOrder())))
                .toList();
        List<String> keys = ranked.subList(0, Math.min(TOP, ranked.size()));
        List<String> labels = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (String key : keys) {
            String name = names.get(key);
            labels.add(name == null ? String.valueOf(key) : name);
            values.add(sums.get(key));
        }
        if (ranked.size() > TOP) {
            int width = sums.get(ranked.get(0)).length;
            long[] rest = new long[width];
            for (String key : ranked.subList(TOP, ranked.size())) {
                long[] v = sums.get(key);
                for (int i = 0; i < width; i++) {
                    rest[i] += v[i];
                }
            }
            labels.add(others);
            values.add(rest);
        }
        return new TopCategories(Collections.unmodifiableList(new ArrayList<>(keys)), List.copyOf(labels),
                List.copyOf(values));
    }

    private static long rank(long[] values, int by) {
        return by >= 0 ? values[by] : Arrays.stream(values).sum();
    }

    /** The values of index {@code i} per category, as the chart draws them. */
    List<Number> values(int i) {
        return sums.stream().map(v -> (Number) v[i]).toList();
    }
}
