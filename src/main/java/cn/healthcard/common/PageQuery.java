package cn.healthcard.common;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;

/**
 * The paging parameters of every list in the API ({@code ?page=&size=}), bound once by Spring as a query record:
 * {@code @Valid @ParameterObject PageQuery paging} next to the list's own filter record. A value that is not an
 * integer, or out of the bounds below, answers 400 naming {@code page} or {@code size}; the largest page size and the
 * default size belong to each list's service and controller ({@link #sizeOr(int)}).
 *
 * @param page 0-based page number; absent = the first page
 * @param size rows per page; absent = the list's default
 */
public record PageQuery(
        @Parameter(description = "0-based page number",
                schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"))
        @Min(value = 0, message = "「页码」不能小于0") Integer page,
        @Parameter(description = "rows per page (each list states its default and its largest size)",
                schema = @Schema(type = "integer", format = "int32", minimum = "1"))
        @Min(value = 1, message = "「每页条数」不能小于1") Integer size) {

    /** The page asked for, 0 when absent. */
    public int pageOrFirst() {
        return page == null ? 0 : page;
    }

    /** The size asked for, or this list's default when absent. */
    public int sizeOr(int defaultSize) {
        return size == null ? defaultSize : size;
    }
}
