package cn.healthcard.institution;

import java.util.List;

/** One page of a register query, ordered by region then code. */
public record InstitutionPage(List<InstitutionDetails> items, long total, int page, int size) {
}
