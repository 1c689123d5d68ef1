package cn.healthcard.floor.process;

import cn.healthcard.floor.FloorCaseStarts;
import cn.healthcard.floor.FloorService;
import cn.healthcard.production.BatchProductionFinished;
import cn.healthcard.production.BatchReleased;
import cn.healthcard.security.SecurityContextUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Production's events for the floor: a released batch requests its case, started after the submission's commit
 * ({@link FloorCaseStarts}, once per batch), the line's answer for a whole
 * batch moves the case on from its wait ({@code BatchProductionFinished}).
 */
@Component
class FloorEventsListener {

    private static final Logger log = LoggerFactory.getLogger(FloorEventsListener.class);

    private final FloorService floor;
    private final FloorCaseStarts starts;

    FloorEventsListener(FloorService floor, FloorCaseStarts starts) {
        this.floor = floor;
        this.starts = starts;
    }

    @EventListener
    public void on(BatchReleased released) {
        boolean started = SecurityContextUsers.runAsSystem(() -> starts.released(released));
        log.info("batch {} released to {}: {}", released.batchNo(), released.makerCode(),
                started ? "floor case requested (starts after commit)" : "already on the floor");
    }

    @EventListener
    public void on(BatchProductionFinished finished) {
        SecurityContextUsers.runAsSystem(() -> floor.productionFinished(finished));
    }
}
