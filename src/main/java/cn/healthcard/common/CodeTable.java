package cn.healthcard.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable, ordered code table (a value domain of a standard), e.g. the document types of WS 364 CV02.01.101. */
public final class CodeTable {

    /** One entry of a code table. */
    public record Code(String code, String name) {
    }

    private final String version;
    private final List<Code> codes;
    private final Map<String, String> names = new LinkedHashMap<>();

    /**
     * @param version which edition of the table this is, e.g. the name of the file it was loaded from
     * @param codes   the entries in display order
     * @throws IllegalArgumentException if a code occurs twice
     */
    public CodeTable(String version, List<Code> codes) {
        this.version = version;
        this.codes = List.copyOf(codes);
        for (Code code : this.codes) {
            if (names.put(code.code(), code.name()) != null) {
                throw new IllegalArgumentException("Duplicate code " + code.code() + " in code table " + version);
            }
        }
    }

    /** The edition of this table. */
    public String version() {
        return version;
    }

    /** All entries in display order. */
    public List<Code> codes() {
        return codes;
    }

    /** The name of {@code code}, if the table has it. */
    public Optional<String> name(String code) {
        return Optional.ofNullable(names.get(code));
    }

    /** Whether {@code code} is in the table. */
    public boolean contains(String code) {
        return names.containsKey(code);
    }
}
