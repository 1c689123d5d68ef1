package cn.healthcard.supervision.export;

import cn.healthcard.common.DomainValidationException;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A background export stopped for a reason its owner is told (in Chinese, in 「我的导出」); the technical detail of any
 * other failure stays in the log (decision 038): {@link #reason} never shows an exception's own message, which may
 * carry SQL or file paths.
 */
final class ExportFailure extends RuntimeException {

    ExportFailure(String reason) {
        super(reason, null, false, false);
    }

    /** What the job's owner reads for this failure. */
    static String reason(Throwable e) {
        if (e instanceof ExportFailure stopped) {
            return stopped.getMessage();
        }
        if (e instanceof DomainValidationException invalid) {
            return "导出失败：" + invalid.violations().stream().map(v -> v.message()).findFirst().orElse("请求无效");
        }
        if (e instanceof AccessDeniedException) {
            return "导出失败：账号权限已变更";
        }
        if (e instanceof DataAccessException) {
            return "导出失败：数据读取错误，请稍后重新导出";
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return "导出失败：文件写入错误，请稍后重新导出";
        }
        if (e instanceof OutOfMemoryError) {
            return "导出失败：服务器内存不足，请缩小范围后重新导出";
        }
        return "导出失败：内部错误，请重新导出";
    }
}
