package cn.healthcard.floor;

import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;

import java.util.List;

/** What people enter at the floor's steps (the task forms and the REST requests send these). */
public final class FloorForms {

    private FloorForms() {
    }

    /** A hand-over form between two production steps (PER-07): counts in = good + damaged + rework. */
    public record HandoverForm(HandoverStep step, String receivedBy, Integer countIn, Integer good, Integer damaged,
                               Integer rework) {
    }

    /** One scrapped item: a card (with its card number) or a number of modules (PER-08). */
    public record ScrapEntry(ScrapCategory category, String cardNo, Integer quantity, String reason) {
    }

    /** The scrap of a batch and how it was destroyed (销毁记录单). */
    public record ScrapForm(List<ScrapEntry> entries, String method, String place) {
        public ScrapForm {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** Boxing and sealing (PER-11): cards per box, and the seal numbers in box order, one per box. */
    public record SealForm(Integer cardsPerBox, List<String> sealNos) {
        public SealForm {
            sealNos = sealNos == null ? List.of() : List.copyOf(sealNos);
        }
    }
}
