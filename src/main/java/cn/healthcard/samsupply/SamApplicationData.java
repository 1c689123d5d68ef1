package cn.healthcard.samsupply;

/** What a city centre's clerk registers (申领登记): institution, terminal type, quantity 1…1000, reason. */
public record SamApplicationData(String institutionCode, SamTerminalType terminalType, Integer quantity,
                                 String reason) {
}
