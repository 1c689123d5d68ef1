package cn.healthcard.floor.ui;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.floor.FloorEnums.HandoverStep;
import cn.healthcard.floor.FloorEnums.ScrapCategory;
import cn.healthcard.floor.FloorForms.HandoverForm;
import cn.healthcard.floor.FloorForms.ScrapEntry;
import cn.healthcard.floor.FloorForms.ScrapForm;
import cn.healthcard.floor.FloorForms.SealForm;
import cn.healthcard.floor.FloorService;
import cn.healthcard.floor.FloorViews.Batch;
import cn.healthcard.floor.FloorViews.BatchRecord;
import cn.healthcard.floor.FloorViews.Count;
import cn.healthcard.workflow.FormValues;
import cn.healthcard.workflow.TaskForm;
import cn.healthcard.workflow.TaskFormHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The task forms of the batch hand-over case, thin adapters onto {@link FloorService}. */
@Configuration
class FloorTaskForms {

    @Bean
    TaskFormHandler floorStartForm(FloorService floor) {
        return TaskForm.of("floor-start", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            Map<String, Object> v = batch(r);
            v.put("firstConfirmer", r.batch().startFirstBy() == null ? "（尚无）" : r.batch().startFirstBy());
            return v;
        }, (task, values) -> floor.confirmStart(task.taskId()));
    }

    @Bean
    TaskFormHandler floorHandoverForm(FloorService floor) {
        return TaskForm.of("floor-handover", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            Map<String, Object> v = batch(r);
            var open = r.handovers().stream().filter(h -> !h.confirmed()).findFirst();
            HandoverStep next = open.map(h -> h.step()).orElse(HandoverStep.values()[Math.min(r.handovers().size(),
                    HandoverStep.values().length - 1)]);
            v.put("step", next.name());
            // PER-07: an open hand-over waits for its receiver, who confirms it with the counts received
            open.ifPresent(h -> v.put("receivedBy", h.receivedBy()));
            return v;
        }, (task, values) -> floor.handOver(task.taskId(), new HandoverForm(
                values.enumValue("step", HandoverStep.class), values.string("receivedBy"), integer(values, "countIn"),
                integer(values, "good"), integer(values, "damaged"), integer(values, "rework"))));
    }

    @Bean
    TaskFormHandler floorScrapForm(FloorService floor) {
        return TaskForm.of("floor-scrap", task -> batch(floor.forTask(task.taskId())),
                (task, values) -> floor.recordScrap(task.taskId(), scrap(values)));
    }

    @Bean
    TaskFormHandler floorDestructionForm(FloorService floor) {
        return TaskForm.of("floor-destruction", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            Map<String, Object> v = batch(r);
            var d = r.destruction();
            v.put("destruction", d == null ? "" : "销毁方式：" + d.method() + "\n销毁地点：" + d.place() + "\n数量："
                    + d.quantity() + "\n填写人：" + d.recordedBy() + "\n" + r.scraps().stream()
                    .map(s -> s.category().nameZh() + " " + (s.cardNo() == null ? s.quantity() + " 个" : s.cardNo())
                            + " " + s.reason()).collect(Collectors.joining("\n")));
            return v;
        }, (task, values) -> floor.coSignDestruction(task.taskId()));
    }

    @Bean
    TaskFormHandler floorCountForm(FloorService floor) {
        return TaskForm.of("floor-count", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            // blind (PER-11): no produced, scrapped or hand-over numbers, no earlier count
            Map<String, Object> v = new HashMap<>();
            v.put("batchNo", r.batch().batchNo());
            v.put("summary", "计划 " + r.batch().planNo() + "，数据文件 " + r.batch().dataFileName()
                    + "\n盲点：请独立清点实物，不显示应有数量和他人的清点结果");
            int round = floor.countRound(r.batch());
            v.put("round", "第 " + round + " 轮，" + (FloorService.FIRST_COUNT_TASK.equals(task.taskDefinitionKey())
                    ? "第一次清点" : "第二次清点（须由另一人进行）"));
            return v;
        }, (task, values) -> floor.count(task.taskId(), integer(values, "counted")));
    }

    @Bean
    TaskFormHandler floorSignOffForm(FloorService floor) {
        return TaskForm.of("floor-signoff", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            Map<String, Object> v = batch(r);
            v.put("counts", r.counts().stream().map(c -> "第 " + c.roundNo() + " 轮 第 " + c.whichCount() + " 次："
                    + c.counted() + "（" + c.countedBy() + "）").collect(Collectors.joining("\n")));
            return v;
        }, (task, values) -> floor.signOff(task.taskId(), values.string("comment")));
    }

    @Bean
    TaskFormHandler floorSealForm(FloorService floor) {
        return TaskForm.of("floor-seal", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            Map<String, Object> v = batch(r);
            v.put("goodCards", String.valueOf(floor.goodCards(r.batch())));
            return v;
        }, (task, values) -> floor.seal(task.taskId(), new SealForm(integer(values, "cardsPerBox"),
                lines(values.string("sealNos")))));
    }

    @Bean
    TaskFormHandler floorCloseForm(FloorService floor) {
        return TaskForm.of("floor-close", task -> {
            BatchRecord r = floor.forTask(task.taskId());
            Map<String, Object> v = batch(r);
            v.put("firstConfirmer", r.batch().closeFirstBy() == null ? "（尚无）" : r.batch().closeFirstBy());
            return v;
        }, (task, values) -> floor.confirmClose(task.taskId()));
    }

    /** The scrap form: one line per card ({@code 卡号 原因}) in the chosen category, and scrapped modules. */
    static ScrapForm scrap(FormValues values) {
        ScrapCategory category = values.enumValue("scrapCategory", ScrapCategory.class);
        List<ScrapEntry> entries = new ArrayList<>();
        for (String line : lines(values.string("scrappedCards"))) {
            String[] parts = line.split("[\\s,，]+", 2);
            entries.add(new ScrapEntry(category, parts[0], 1, parts.length > 1 ? parts[1] : null));
        }
        Integer modules = values.string("moduleCount") == null ? null : integer(values, "moduleCount");
        if (modules != null && modules > 0) {
            entries.add(new ScrapEntry(ScrapCategory.MODULE_SCRAPPED, null, modules, values.string("moduleReason")));
        }
        return new ScrapForm(entries, values.string("method"), values.string("place"));
    }

    static Map<String, Object> batch(BatchRecord r) {
        Batch b = r.batch();
        Map<String, Object> v = new HashMap<>();
        v.put("batchNo", b.batchNo());
        v.put("summary", "计划 " + b.planNo() + "，数据文件 " + b.dataFileName() + "\n卡数 " + b.cardCount()
                + (b.produced() == null ? "" : "，已生产 " + b.produced() + "，失败 " + b.failed() + "，销毁 "
                + b.destroyed()) + "\n状态：" + b.status().nameZh() + (r.handovers().isEmpty() ? ""
                : "\n交接：" + r.handovers().stream().map(h -> h.step().nameZh() + (h.countIn() == null
                ? " 待接收人盲点确认" // PER-07: the receiver counts blind, the form shows no counts of the open hand-over
                : " 合格" + h.good() + "/损坏" + h.damaged() + "/返工" + h.rework())).collect(Collectors.joining("；"))));
        return v;
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    static Integer integer(FormValues values, String key) {
        String s = values.string(key);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s.strip()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new DomainValidationException(key, "请填写整数");
        }
    }
}
