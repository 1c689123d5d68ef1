package cn.healthcard.floor;

import cn.healthcard.floor.FloorEvents.FloorCaseStarted;
import cn.healthcard.production.ProductionLine;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test witness (FloorCaseStartIT): at the moment a floor case starts, whether its batch's data file was already in the
 * maker's receiving folder under its final name — the receipt, the case's first job, must never run before it is.
 */
@Component
public class FloorCaseStartWitness {

    private final ProductionLine line;
    private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();

    FloorCaseStartWitness(ProductionLine line) {
        this.line = line;
    }

    @EventListener
    void on(FloorCaseStarted started) {
        delivered.put(started.batchNo(), SecurityContextUsers.runAsSystem(() -> line.fileDelivered(started.batchNo())));
    }

    /** Null when no case of the batch started in this JVM. */
    public Boolean deliveredAtStart(String batchNo) {
        return delivered.get(batchNo);
    }
}
