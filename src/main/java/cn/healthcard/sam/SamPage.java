package cn.healthcard.sam;

import java.util.List;

/** A page of SAM cards with the total count. */
public record SamPage(List<SamCardView> items, int page, int size, long total) {
}
