package cn.healthcard.floor;

import cn.healthcard.common.RegionCode;
import cn.healthcard.floor.FloorEnums.BatchStatus;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.institution.Institution;
import cn.healthcard.institution.InstitutionKind;
import cn.healthcard.institution.InstitutionService;
import cn.healthcard.production.BatchReleased;
import cn.healthcard.security.Role;
import cn.healthcard.security.SecurityContextUsers;
import cn.healthcard.security.UserAdministration;
import cn.healthcard.support.Eventually;
import cn.healthcard.support.TestUsers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The floor tests' makers, people and batches: makers {@value #MAKER_A} (operators {@code floora1}, {@code floora2},
 * lead {@code flooralead}), {@value #MAKER_B} ({@code floorb1}, {@code floorb2}) and {@value #MAKER_C} ({@code floorc1}) under the Beijing centre, the
 * Beijing supervisor {@code floorsup}; batches released through {@link FloorTestProductionLine} and run step by step.
 */
@Component
public class FloorScenarios {

    public static final String MAKER_A = "CM-IT-FLOOR-A";
    public static final String MAKER_B = "CM-IT-FLOOR-B";
    /** A maker of its own for the reconciliation sheet of the API test (one reconciliation per maker and day). */
    public static final String MAKER_C = "CM-IT-FLOOR-C";
    public static final String REGION = "110105";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final FloorService floor;
    private final FloorStaff staff;
    private final FloorTestProductionLine line;
    private final InstitutionService institutions;
    private final UserAdministration userAdmin;
    private final TestUsers users;
    private final ApplicationEventPublisher events;

    public FloorScenarios(FloorService floor, FloorStaff staff, FloorTestProductionLine line,
                          InstitutionService institutions, UserAdministration userAdmin, TestUsers users,
                          ApplicationEventPublisher events) {
        this.floor = floor;
        this.staff = staff;
        this.line = line;
        this.institutions = institutions;
        this.userAdmin = userAdmin;
        this.users = users;
        this.events = events;
    }

    /** The makers and people (idempotent: the test context is shared). */
    public void people() {
        SecurityContextUsers.runAsSystem(() -> {
            institutions.registerIfAbsent(new Institution(MAKER_A, "测试制卡机构甲", RegionCode.of("110000"),
                    InstitutionKind.CARD_MAKER));
            institutions.registerIfAbsent(new Institution(MAKER_B, "测试制卡机构乙", RegionCode.of("110000"),
                    InstitutionKind.CARD_MAKER));
            institutions.registerIfAbsent(new Institution(MAKER_C, "测试制卡机构丙", RegionCode.of("110000"),
                    InstitutionKind.CARD_MAKER));
        });
        for (String u : List.of("floora1", "floora2", "flooralead")) {
            userAdmin.createIfAbsent(u, "demo1234", "甲制卡" + u.substring(5), MAKER_A, Set.of(Role.PRODUCTION),
                    false, true);
        }
        for (String u : List.of("floorb1", "floorb2")) {
            userAdmin.createIfAbsent(u, "demo1234", "乙制卡" + u.substring(5), MAKER_B, Set.of(Role.PRODUCTION),
                    false, true);
        }
        userAdmin.createIfAbsent("floorc1", "demo1234", "丙制卡c1", MAKER_C, Set.of(Role.PRODUCTION), false, true);
        userAdmin.createIfAbsent("floorsup", "demo1234", "北京审核", "BJ-110000", Set.of(Role.SUPERVISOR), false, true);
        users.run("admin", () -> staff.assign(MAKER_A, "flooralead", true));
    }

    public static String batchNo() {
        return "PBIT" + System.nanoTime() % 100_000_000 + "-" + SERIAL.incrementAndGet();
    }

    /** The card numbers of a test batch: ascending. */
    public static List<String> cards(String batch, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> "T" + batch.substring(4).replace("-", "") + String.format("%03d", i)).toList();
    }

    /** Releases a batch of the maker and waits for its receipt. */
    public String release(String maker, int n, boolean tampered) {
        String batch = batchNo();
        line.prepare(batch, maker, cards(batch, n), tampered);
        SecurityContextUsers.runAsSystem(() -> events.publishEvent(new BatchReleased(batch, "JH-" + batch,
                maker, "BJ-110000", REGION, n, "DF_" + batch + ".hcdf")));
        Eventually.await("receipt of " + batch, Duration.ofSeconds(20),
                () -> SecurityContextUsers.runAsSystem(() -> floor.batch(batch).batch().status()),
                s -> s != BatchStatus.RELEASED);
        return batch;
    }

    /** The open task of the batch at the step, as the user finds it. */
    public String task(String user, String batch, String key) {
        return users.as(user, () -> floor.taskAt(batch, key));
    }

    /** Releases a batch of 10 cards on maker A and runs it to its production finished. */
    public String produced() {
        String batch = release(MAKER_A, 10, false);
        users.run("floora1", () -> floor.confirmStart(task("floora1", batch, FloorService.START_TASK)));
        users.run("floora2", () -> floor.confirmStart(task("floora2", batch, FloorService.START_TASK)));
        line.finish(batch);
        return batch;
    }

    /** Runs a batch through hand-overs (one damaged card at the quality check), scrap and destruction. */
    public String destroyed() {
        String batch = produced();
        users.run("floora1", () -> floor.handOver(task("floora1", batch, FloorService.HANDOVER_TASK),
                new HandoverForm(HandoverStep.PERSONALISATION, "floora2", 10, 10, 0, 0)));
        users.run("floora2", () -> floor.handOver(task("floora2", batch, FloorService.HANDOVER_TASK),
                new HandoverForm(HandoverStep.QUALITY_CHECK, "floora1", 10, 9, 1, 0)));
        users.run("floora1", () -> floor.handOver(task("floora1", batch, FloorService.HANDOVER_TASK),
                new HandoverForm(HandoverStep.PACKING, "floora2", 9, 9, 0, 0)));
        String damaged = cards(batch, 10).get(3);
        users.run("floora1", () -> floor.recordScrap(task("floora1", batch, FloorService.SCRAP_TASK), new ScrapForm(
                List.of(new ScrapEntry(ScrapCategory.CARD_DAMAGED, damaged, 1, "质检划伤"),
                        new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, 2, "模块虚焊")), "粉碎", "销毁室")));
        users.run("floora2", () -> floor.coSignDestruction(task("floora2", batch, FloorService.DESTRUCTION_TASK)));
        return batch;
    }

    /** Runs a batch of 10 to its 9 cards sealed in two boxes of 5 and 4. */
    public String sealed() {
        String batch = destroyed();
        users.run("floora1", () -> floor.count(users.as("floora1", () -> floor.countTaskAt(batch)), 9));
        users.run("floora2", () -> floor.count(users.as("floora2", () -> floor.countTaskAt(batch)), 9));
        users.run("flooralead", () -> floor.signOff(task("flooralead", batch, FloorService.SIGN_OFF_TASK), "同意"));
        users.run("floora1", () -> floor.seal(task("floora1", batch, FloorService.SEAL_TASK),
                new SealForm(5, List.of("S" + batch.substring(4) + "A", "S" + batch.substring(4) + "B"))));
        return batch;
    }
}
