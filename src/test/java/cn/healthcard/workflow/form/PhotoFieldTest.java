package cn.healthcard.workflow.form;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoFieldTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    /** Held here because {@code UI.setCurrent} keeps only a weak reference. */
    private final UI ui = new UI();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    @DisplayName("APP-05 the photo field's value is the photo bytes, previewed, and can be cleared")
    void valueSetAndGet() {
        PhotoField field = new PhotoField(Locale.CHINA);
        assertThat(field.getValue()).isNull();
        assertThat(child(field, Image.class).isVisible()).isFalse();

        field.setValue(PNG);

        assertThat(field.getValue()).isSameAs(PNG);
        assertThat(child(field, Image.class).isVisible()).isTrue();

        field.clear();

        assertThat(field.getValue()).isNull();
        assertThat(field.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("APP-05 the upload takes one JPEG or PNG file of at most 2 MB")
    void uploadLimits() {
        Upload upload = child(new PhotoField(Locale.CHINA), Upload.class);

        assertThat(upload.getAcceptedFileTypes()).contains("image/jpeg", "image/png");
        assertThat(upload.getMaxFileSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(upload.getMaxFiles()).isEqualTo(1);
    }

    private static <T extends Component> T child(PhotoField field, Class<T> type) {
        return field.getChildren().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
