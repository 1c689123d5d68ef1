package cn.healthcard.filing;

import java.util.List;

/** The applicant's completion of an application sent back: the version and description, and further attachments. */
public record FilingCompletion(String productVersion, String description, List<NewAttachment> attachments) {

    public FilingCompletion {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
