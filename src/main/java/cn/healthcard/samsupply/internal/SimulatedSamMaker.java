package cn.healthcard.samsupply.internal;

import cn.healthcard.samsupply.SamProductionPort;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful stand-in for a SAM maker (decision 031). Its numbers: batch {@code SB} + the first 12 hex digits
 * (upper case) of SHA-256 of the order number, SAM number = batch + a 4-digit position 0001…quantity — 18 characters
 * of {@code [0-9A-Z]}. Each card fails personalisation with probability {@code healthcard.samsupply.simulator.failure-rate}
 * (default 0.03), drawn from a generator seeded by the order number, so a repeated order gets exactly the same answer
 * and the success rate over many orders is real. {@link #unavailableFor(int)} makes the next calls fail as if the maker
 * were down, {@link #answerShortFor(int)} makes the next answers one card short (tests of the retry and refusal).
 */
@Component
public class SimulatedSamMaker implements SamProductionPort {

    private final double failureRate;
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger faulty = new AtomicInteger();

    SimulatedSamMaker(@Value("${healthcard.samsupply.simulator.failure-rate:0.03}") double failureRate) {
        if (failureRate < 0 || failureRate >= 1) {
            throw new IllegalArgumentException("healthcard.samsupply.simulator.failure-rate must be in [0, 1)");
        }
        this.failureRate = failureRate;
    }

    /** The next {@code calls} orders fail with {@link SamMakerUnavailable}. */
    public void unavailableFor(int calls) {
        unavailable.set(calls);
    }

    /** The next {@code calls} answers are faulty, as a broken maker's would be: one card short of the order. */
    public void answerShortFor(int calls) {
        faulty.set(calls);
    }

    @Override
    public Answer make(Order order) {
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SamMakerUnavailable("SAM制卡机构 " + order.makerCode() + " 暂时无法连接");
        }
        boolean shortAnswer = faulty.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        String batchNo = batchNo(order.orderNo());
        Random random = new Random(order.orderNo().hashCode() * 31L + order.quantity());
        List<String> made = new ArrayList<>();
        int failed = 0;
        for (int i = 1; i <= order.quantity(); i++) {
            if (random.nextDouble() < failureRate) {
                failed++;
            } else {
                made.add(batchNo + String.format("%04d", i));
            }
        }
        if (shortAnswer && !made.isEmpty()) {
            made.remove(made.size() - 1);
        }
        return new Answer(order.orderNo(), order.makerCode(), batchNo, made, failed);
    }

    static String batchNo(String orderNo) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(orderNo.getBytes(StandardCharsets.UTF_8));
            return "SB" + HexFormat.of().withUpperCase().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
