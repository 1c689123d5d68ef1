package cn.healthcard.floor;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;

import java.util.HashSet;
import java.util.Set;

/** The checks of the floor's forms that need no database: 400 naming the field. */
final class FloorChecks {

    /** Module entries a scrap record may hold besides one entry per card of the batch. */
    static final int MAX_MODULE_ENTRIES = 100;
    static final int MAX_MODULES = 1_000_000;

    private FloorChecks() {
    }

    /**
     * A scrap record's entries: each card entry a produced card of the batch, once (400 on {@code entries[i].cardNo});
     * module entries 1–100000 each and at most {@value #MAX_MODULES} in all; every damaged card of the hand-over forms
     * entered (400 on {@code entries}); no more entries than the batch's cards plus {@value #MAX_MODULE_ENTRIES}.
     *
     * @return the number of cards and of modules
     */
    static int[] scrapEntries(ScrapForm form, Set<String> produced, int damagedOnForms) {
        if (form.entries().size() > produced.size() + MAX_MODULE_ENTRIES) {
            throw new DomainValidationException("entries", "「报废明细」最多 " + (produced.size() + MAX_MODULE_ENTRIES)
                    + " 条（本批次卡数加 " + MAX_MODULE_ENTRIES + " 条模块记录）");
        }
        Set<String> seen = new HashSet<>();
        int cards = 0;
        long modules = 0;
        for (int i = 0; i < form.entries().size(); i++) {
            ScrapEntry e = form.entries().get(i);
            String f = "entries[" + i + "].";
            if (e.category() == null) {
                throw new DomainValidationException(f + "category", "请选择「报废类别」");
            }
            FloorStock.text(f + "reason", e.reason(), 200, true);
            if (e.category().card()) {
                String cardNo = e.cardNo() == null ? null : e.cardNo().strip();
                if (cardNo == null || !produced.contains(cardNo) || !seen.add(cardNo)) {
                    throw new DomainValidationException(f + "cardNo", "「卡号」不是本批次已生产的卡，或重复登记");
                }
                cards++;
            } else {
                if (e.quantity() == null || e.quantity() <= 0 || e.quantity() > 100_000) {
                    throw new DomainValidationException(f + "quantity", "「报废数量」应为 1–100000");
                }
                modules += e.quantity();
                if (modules > MAX_MODULES) {
                    throw new DomainValidationException(f + "quantity", "「报废数量」合计不能超过 " + MAX_MODULES);
                }
            }
        }
        if (cards != damagedOnForms) {
            throw new DomainValidationException("entries", "交接单记录损坏卡 " + damagedOnForms + " 张，报废登记了 "
                    + cards + " 张：须逐张登记卡号");
        }
        return new int[] {cards, (int) modules};
    }

    /**
     * The counts of a hand-over form (PER-07): each 0–1000000, counts in as expected (the previous step's good and
     * rework cards, or all produced) and in = good + damaged + rework (400 on {@code countIn}).
     */
    static void handoverCounts(FloorForms.HandoverForm form, int expectedIn) {
        int in = quantity("countIn", form.countIn());
        int out = quantity("good", form.good()) + quantity("damaged", form.damaged())
                + quantity("rework", form.rework());
        if (in != expectedIn) {
            throw new DomainValidationException("countIn", "接收数量应为 " + expectedIn + "（上一工序交出的合格与返工卡）");
        }
        if (in != out) {
            throw new DomainValidationException("countIn", "接收数量 " + in + " 与交出数量（合格+损坏+返工=" + out
                    + "）不一致");
        }
    }

    /** The receiver's own counts (PER-07): each 0–1000000 and in = good + damaged + rework (400 on {@code countIn}). */
    static void balanced(FloorForms.HandoverForm form) {
        int in = quantity("countIn", form.countIn());
        int out = quantity("good", form.good()) + quantity("damaged", form.damaged())
                + quantity("rework", form.rework());
        if (in != out) {
            throw new DomainValidationException("countIn", "接收数量 " + in + " 与交出数量（合格+损坏+返工=" + out
                    + "）不一致");
        }
    }

    /**
     * The first of the receiver's counts that differs from the form handed over (PER-07), or null. The receiver counts
     * blind, so a refusal names the field, never the sender's number.
     */
    static String differingCount(FloorForms.HandoverForm mine, FloorViews.Handover handed) {
        Integer[] theirs = {handed.countIn(), handed.good(), handed.damaged(), handed.rework()};
        Integer[] counted = {mine.countIn(), mine.good(), mine.damaged(), mine.rework()};
        String[] fields = {"countIn", "good", "damaged", "rework"};
        for (int i = 0; i < fields.length; i++) {
            if (!theirs[i].equals(counted[i])) {
                return fields[i];
            }
        }
        return null;
    }

    /** A count of a form: 0–1000000 (400 naming the field and its label). */
    static int quantity(String field, Integer value) {
        if (value == null || value < 0 || value > 1_000_000) {
            throw new DomainValidationException(field, "「" + label(field) + "」应为 0–1000000 的数量");
        }
        return value;
    }

    static String label(String field) {
        return switch (field) {
            case "countIn" -> "接收数量";
            case "good" -> "合格数量";
            case "damaged" -> "损坏数量";
            case "rework" -> "返工数量";
            case "counted" -> "清点数量";
            default -> field;
        };
    }
}
