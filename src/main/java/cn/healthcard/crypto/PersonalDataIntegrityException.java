package cn.healthcard.crypto;

/**
 * Stored personal data does not belong where it was read (decision 022): it was encrypted for another table, column
 * or row (copied there by someone writing to the database), altered, or is unbound while unbound ciphertexts are
 * refused. Never answered with the data.
 */
public class PersonalDataIntegrityException extends CryptoException {

    private final transient PersonalDataBinding binding;

    public PersonalDataIntegrityException(PersonalDataBinding binding, String message, Throwable cause) {
        super("个人数据完整性校验失败 (personal data integrity check failed) at " + binding + ": " + message, cause);
        this.binding = binding;
    }

    /** Where the value was read. */
    public PersonalDataBinding binding() {
        return binding;
    }
}
