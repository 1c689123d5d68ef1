package cn.healthcard.filing;

import java.util.List;

/**
 * An application for the filing of a product. {@code manufacturerId} names the applicant at the desk; a machine
 * client applies for its own manufacturer and leaves it empty (another manufacturer's id is refused).
 */
public record FilingApplication(String manufacturerId, ProductType productType, String model, String productVersion,
                                String description, List<NewAttachment> attachments) {

    public static final int MAX_MODEL = 64;
    public static final int MAX_VERSION = 32;
    public static final int MAX_DESCRIPTION = 500;

    public FilingApplication {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
