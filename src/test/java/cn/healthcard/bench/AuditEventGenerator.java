package cn.healthcard.bench;

import cn.healthcard.audit.internal.AuditBenchAccess.Row;
import cn.healthcard.common.CodeTables;
import cn.healthcard.common.RegionCode;
import cn.healthcard.common.RegionTable;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Realistic audit entries for the benchmark, deterministic for a seed: the event types the application writes, in a
 * plausible mix, by the staff of service points in {@value #PROVINCES_USED} provinces × {@value #COUNTIES_PER_PROVINCE}
 * counties taken from the GB/T 2260 code table, about residents with valid ID numbers, card numbers and case
 * numbers, at office hours (China time, fewer at weekends) over one year, with the Chinese detail texts the
 * application writes.
 */
final class AuditEventGenerator {

    static final int PROVINCES_USED = 8;
    static final int COUNTIES_PER_PROVINCE = 15;
    private static final List<String> PROVINCES = List.of("11", "31", "32", "33", "37", "42", "44", "51");
    private static final Map<String, String> PROVINCE_ABBREVIATIONS = Map.of("11", "BJ", "31", "SH", "32", "JS",
            "33", "ZJ", "37", "SD", "42", "HB", "44", "GD", "51", "SC");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
            + "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String[] GIVEN = ("伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 建国 建华 志强"
            + " 玉兰 海燕 国庆 红梅 文 华 鹏 飞 婷 雪 琳 浩然 子涵 欣怡 宇轩 梓萱 俊杰 淑珍 德明 春梅 晓东 立新 家豪 思远").split(" ");
    private static final String[] READ_PURPOSES = {"打印领卡签收单", "退回修改", "申领审核 (photo)", "窗口查询持卡人信息",
            "核对居民身份信息", "补换卡变更表原内容", "打印申请单", "挂失受理核对身份", "注销受理核对身份", "代领人信息核对"};
    private static final String[] REVIEWS = {"APPROVE", "APPROVE: 资料齐全，同意制卡", "APPROVE: 已核验原件",
            "RETURN: 照片背景不符合要求，请重新采集", "RETURN: 联系电话填写有误，请核实", "RETURN: 现住址不完整",
            "REJECT: 证件信息与人口信息库不一致"};
    private static final String[] REQUEST_REVIEWS = {"APPROVE: 核实本人身份，同意办理", "APPROVE", "RETURN: 变更内容缺少证明材料",
            "REJECT: 卡片已注销，不能挂失"};
    private static final String[] REJECTIONS = {"证件已列入黑名单，暂停办卡资格", "一人一卡：该居民已持有有效卡", "申请资料不实"};
    private static final String[] TASKS = {"申领审核", "信息修改", "领卡签收", "挂失审核", "补换审核", "注销审核"};
    private static final String[][] STATUS_CHANGES = {{"—", "READY"}, {"READY", "ACTIVE"}, {"ACTIVE", "REPORTED_LOST"},
            {"REPORTED_LOST", "ACTIVE"}, {"ACTIVE", "PIN_LOCKED"}, {"PIN_LOCKED", "ACTIVE"}, {"REPORTED_LOST", "REPLACED"},
            {"ACTIVE", "CANCELLED"}};
    private static final String[][] REQUEST_TYPES = {{"挂失", "REPORTED_LOST"}, {"解挂", "ACTIVE"}, {"解锁", "ACTIVE"},
            {"补换", "REPLACED"}, {"注销", "CANCELLED"}};

    /** Event types and their weights (per mille, roughly), after what a card centre's log holds. */
    private static final Map<String, Integer> MIX = mix();

    record County(String code, String institution, List<String> staff) {
        String province() {
            return code.substring(0, 2);
        }

        String city() {
            return code.substring(0, 4);
        }
    }

    /**
     * A generated resident.
     *
     * @param id             internal id (set once stored)
     * @param documentNumber ID number (GB 11643) or passport number
     */
    record Person(String name, String documentType, String documentNumber, County county, String cardNo,
                  String applicationId, String requestId, String id) {
        Person withId(String newId) {
            return new Person(name, documentType, documentNumber, county, cardNo, applicationId, requestId, newId);
        }
    }

    private final Random random;
    private final List<County> counties;
    private final List<Person> people;
    private final String[] types;
    private final int[] cumulative;

    AuditEventGenerator(long seed, int residents) {
        this.random = new Random(seed);
        this.counties = pickCounties();
        this.people = new ArrayList<>(residents);
        for (int i = 0; i < residents; i++) {
            people.add(newPerson(i));
        }
        this.types = MIX.keySet().toArray(String[]::new);
        this.cumulative = new int[types.length];
        int sum = 0;
        for (int i = 0; i < types.length; i++) {
            sum += MIX.get(types[i]);
            cumulative[i] = sum;
        }
    }

    List<County> counties() {
        return counties;
    }

    List<Person> people() {
        return people;
    }

    void stored(int index, String id) {
        people.set(index, people.get(index).withId(id));
    }

    /** The event types and their shares. */
    static Map<String, Integer> eventMix() {
        return MIX;
    }

    /**
     * {@code n} instants in {@code [to - span, to)}, ascending: office hours (08:30–17:30 China time, a dip at lunch)
     * carry most of the weight, weekends about a third of a weekday, a few entries at night (sign-ins, the process).
     */
    long[] times(int n, Instant to, Duration span) {
        LocalDate last = to.atZone(CHINA).toLocalDate();
        int days = (int) Math.max(1, span.toDays());
        double[] dayWeight = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = last.minusDays(days - 1 - d).getDayOfWeek();
            dayWeight[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.35 : 1.0;
            total += dayWeight[d];
        }
        double[] dayCumulative = new double[days];
        double acc = 0;
        for (int d = 0; d < days; d++) {
            acc += dayWeight[d] / total;
            dayCumulative[d] = acc;
        }
        long[] out = new long[n];
        long limit = to.toEpochMilli();
        for (int i = 0; i < n; i++) {
            int d = Arrays.binarySearch(dayCumulative, random.nextDouble());
            d = Math.min(days - 1, d < 0 ? -d - 1 : d);
            LocalDate day = last.minusDays(days - 1 - d);
            double hour = random.nextDouble() < 0.04 ? random.nextDouble() * 24
                    : random.nextDouble() < 0.5 ? 8.5 + random.nextDouble() * 3.5 : 13.5 + random.nextDouble() * 4;
            long millis = day.atStartOfDay(CHINA).toInstant().toEpochMilli() + (long) (hour * 3_600_000);
            out[i] = Math.min(millis, limit - 1);
        }
        Arrays.sort(out);
        return out;
    }

    /** One entry at {@code epochMillis}. */
    Row next(long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        String type = pickType();
        Person p = people.get(random.nextInt(people.size()));
        County c = p.county();
        String clerk = c.staff().get(random.nextInt(c.staff().size() - 1));
        String supervisor = c.staff().get(c.staff().size() - 1);
        String ui = random.nextInt(10) < 8 ? "UI" : "API";
        return switch (type) {
            case "PersonalDataRead" -> {
                String purpose = READ_PURPOSES[random.nextInt(READ_PURPOSES.length)];
                if (purpose.equals("打印申请单")) {
                    purpose = purpose + " " + p.requestId();
                }
                yield row(at, type, clerk, c, "Resident", p.id(), ui, purpose, null, p.id(), null);
            }
            case "UserSignedIn" -> {
                String user = c.staff().get(random.nextInt(c.staff().size()));
                yield row(at, type, user, c, "User", user, "UI", null, null, null, null);
            }
            case "SignInFailed" -> {
                String user = c.staff().get(random.nextInt(c.staff().size()));
                yield new Row(at, type, user, null, null, "User", user, "UI", "BadCredentialsException", null, null,
                        null);
            }
            case "CardStatusChanged" -> {
                String[] change = STATUS_CHANGES[random.nextInt(STATUS_CHANGES.length)];
                String caseRef = change[0].equals("—") || change[0].equals("READY") ? p.applicationId() : p.requestId();
                yield row(at, type, "system", null, c, "Card", p.cardNo(), "PROCESS", change[0] + " → " + change[1],
                        p.cardNo(), p.id(), caseRef);
            }
            case "CardApplicationSubmitted" -> row(at, type, clerk, c, "CardApplication", p.applicationId(), ui,
                    "channel=" + ui, null, p.id(), p.applicationId());
            case "CardApplicationResubmitted" -> row(at, type, clerk, c, "CardApplication", p.applicationId(), ui,
                    null, null, p.id(), p.applicationId());
            case "CardApplicationReviewed" -> row(at, type, supervisor, c, "CardApplication", p.applicationId(), "UI",
                    REVIEWS[random.nextInt(REVIEWS.length)], null, p.id(), p.applicationId());
            case "CardApplicationRejected" -> row(at, type, supervisor, c, "CardApplication", p.applicationId(),
                    "UI", REJECTIONS[random.nextInt(REJECTIONS.length)], null, p.id(), p.applicationId());
            case "CardProductionRequested" -> row(at, type, "system", null, c, "CardApplication", p.applicationId(),
                    "PROCESS", "order=PO" + p.applicationId().substring(2), null, p.id(), p.applicationId());
            case "CardReadyForPickup" -> row(at, type, "system", null, c, "CardApplication", p.applicationId(),
                    "PROCESS", "card=" + p.cardNo(), p.cardNo(), p.id(), p.applicationId());
            case "CardPickedUp" -> row(at, type, clerk, c, "CardApplication", p.applicationId(), "UI",
                    "card=" + p.cardNo() + (random.nextInt(5) == 0 ? ", 代领" : ", 本人领取"), p.cardNo(), p.id(),
                    p.applicationId());
            case "CardRequestSubmitted" -> {
                String[] kind = REQUEST_TYPES[random.nextInt(REQUEST_TYPES.length)];
                yield row(at, type, clerk, c, "CardRequest", p.requestId(), ui, kind[0] + " card=" + p.cardNo(),
                        p.cardNo(), p.id(), p.requestId());
            }
            case "CardRequestReviewed" -> row(at, type, supervisor, c, "CardRequest", p.requestId(), "UI",
                    REQUEST_REVIEWS[random.nextInt(REQUEST_REVIEWS.length)], p.cardNo(), p.id(), p.requestId());
            case "CardRequestCompleted" -> row(at, type, "system", null, c, "CardRequest", p.requestId(), "PROCESS",
                    "card=" + p.cardNo(), p.cardNo(), p.id(), p.requestId());
            case "TaskCompleted" -> row(at, type, random.nextBoolean() ? clerk : supervisor, c, "Task",
                    Long.toString(100_000 + random.nextInt(900_000)), "UI", TASKS[random.nextInt(TASKS.length)],
                    null, p.id(), random.nextBoolean() ? p.applicationId() : p.requestId());
            case "BlacklistEntryAdded" -> row(at, type, supervisor, c, "BlacklistEntry",
                    Long.toString(1 + random.nextInt(5000)), "UI", "RESIDENT: 冒用证件，暂停办卡资格", null, null, null);
            default -> throw new IllegalStateException(type);
        };
    }

    private Row row(Instant at, String type, String actor, County c, String subjectType, String subjectId,
                    String channel, String detail, String cardNo, String residentId, String caseRef) {
        return row(at, type, actor, c.institution(), c, subjectType, subjectId, channel, detail, cardNo, residentId,
                caseRef);
    }

    private Row row(Instant at, String type, String actor, String institution, County c, String subjectType,
                    String subjectId, String channel, String detail, String cardNo, String residentId,
                    String caseRef) {
        return new Row(at, type, actor, institution, c.code(), subjectType, subjectId, channel, detail, cardNo,
                residentId, caseRef);
    }

    private String pickType() {
        int r = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return types[i];
            }
        }
        return types[types.length - 1];
    }

    private List<County> pickCounties() {
        RegionTable regions = CodeTables.regions();
        List<County> picked = new ArrayList<>();
        for (String province : PROVINCES) {
            List<String> codes = regions.regions().stream()
                    .filter(r -> r.level() == RegionCode.Level.COUNTY && r.code().startsWith(province))
                    .map(RegionTable.Region::code).collect(Collectors.toCollection(ArrayList::new));
            Collections.shuffle(codes, random);
            for (String code : codes.subList(0, Math.min(COUNTIES_PER_PROVINCE, codes.size()))) {
                String institution = PROVINCE_ABBREVIATIONS.get(province) + "-" + code;
                List<String> staff = new ArrayList<>();
                for (int s = 1; s <= 4; s++) {
                    staff.add("u" + code + String.format("%02d", s));
                }
                picked.add(new County(code, institution, staff));
            }
        }
        return List.copyOf(picked);
    }

    private Person newPerson(int serial) {
        County county = counties.get(random.nextInt(counties.size()));
        String name = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + GIVEN[random.nextInt(GIVEN.length)];
        String documentType;
        String number;
        int kind = random.nextInt(100);
        if (kind < 96) {
            documentType = "01";
            number = idNumber(county.code(), LocalDate.of(1935, 1, 1).plusDays(random.nextInt(31_000)), serial);
        } else if (kind < 98) {
            documentType = "02";
            number = idNumber(county.code(), LocalDate.of(2010, 1, 1).plusDays(random.nextInt(5_000)), serial);
        } else {
            documentType = "03";
            number = "E" + String.format("%08d", 10_000_000 + serial);
        }
        String day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String cardNo = county.code() + String.format("%012d", serial + 1);
        String applicationId = "SQ" + county.code() + day + String.format("%06d", serial + 1);
        String requestId = "RQ" + county.code() + day + String.format("%06d", serial + 1);
        return new Person(name, documentType, number, county, cardNo, applicationId, requestId, null);
    }

    /** A GB 11643 number: region, birth date, a 3-digit serial, check digit. */
    static String idNumber(String region, LocalDate birth, int serial) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String body = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", serial % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static Map<String, Integer> mix() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("PersonalDataRead", 280);
        m.put("UserSignedIn", 140);
        m.put("CardStatusChanged", 120);
        m.put("TaskCompleted", 90);
        m.put("CardApplicationSubmitted", 60);
        m.put("CardApplicationReviewed", 60);
        m.put("CardProductionRequested", 45);
        m.put("CardReadyForPickup", 45);
        m.put("CardPickedUp", 45);
        m.put("CardRequestSubmitted", 35);
        m.put("CardRequestReviewed", 30);
        m.put("CardRequestCompleted", 30);
        m.put("SignInFailed", 10);
        m.put("CardApplicationResubmitted", 5);
        m.put("CardApplicationRejected", 4);
        m.put("BlacklistEntryAdded", 1);
        return Collections.unmodifiableMap(m);
    }
}
