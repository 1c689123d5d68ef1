package cn.healthcard.production.internal;

import cn.healthcard.production.CardProductionPort;
import cn.healthcard.production.CardProductionPort.BatchOrder;
import cn.healthcard.production.CardProductionPort.CardOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drop-folder adapter's side of the exchange (BPM-04): the batch's order file in the maker's outbox. */
class DropFolderAdapterTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("BPM-04: the drop-folder adapter writes the batch's order (one line per card) into the maker's outbox")
    void writesOrderFile() throws Exception {
        DropFolder folders = new DropFolder(root);
        CardProductionPort port = new CardMakerAdapters().dropFolderAdapter(null, folders);

        port.submitBatch(new BatchOrder("PC2026120701", "CM-110000", "PC2026120701_CM-110000_20261207_001.hcdf",
                List.of(new CardOrder("SQ1", "110105000000000001"), new CardOrder("SQ2", "110105000000000002"))));

        Path order = root.resolve("CM-110000/outbox/PC2026120701.order");
        assertThat(order).exists();
        assertThat(Files.readAllLines(order, StandardCharsets.UTF_8)).hasSize(3)
                .contains("SQ1;110105000000000001", "SQ2;110105000000000002")
                .first().asString().contains("batch=PC2026120701").contains("cards=2");
        assertThat(root.resolve("CM-110000/inbox")).doesNotExist();
        assertThat(folders.inbox("CM-110000")).isDirectory();
        assertThatThrownBy(() -> folders.outbox("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
