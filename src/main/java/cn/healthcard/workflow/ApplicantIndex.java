package cn.healthcard.workflow;

import java.util.Set;

/** Turns what a clerk types into the applicant filter (a name or a document number) into keyed index values. */
public interface ApplicantIndex {
    Set<String> indexesFor(String query);
}
