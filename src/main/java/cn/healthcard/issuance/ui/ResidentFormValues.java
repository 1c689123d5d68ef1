package cn.healthcard.issuance.ui;

import cn.healthcard.resident.ResidentData;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Maps the fields of forms/card-application.form to and from {@link ResidentData}. */
final class ResidentFormValues {

    private ResidentFormValues() {
    }

    static ResidentData toData(Map<String, Object> v) {
        return new ResidentData(str(v, "documentType"), str(v, "documentNumber"), str(v, "name"), str(v, "sex"),
                str(v, "ethnicity"), (LocalDate) v.get("birthDate"), str(v, "phone"), str(v, "address"),
                str(v, "bloodTypeAbo"), str(v, "bloodTypeRh"), str(v, "medicalAlerts"), (byte[]) v.get("photo"));
    }

    static Map<String, Object> toValues(ResidentData d) {
        Map<String, Object> v = new HashMap<>();
        v.put("documentType", d.documentType());
        v.put("documentNumber", d.documentNumber());
        v.put("name", d.name());
        v.put("sex", d.sex());
        v.put("ethnicity", d.ethnicity());
        v.put("birthDate", d.birthDate());
        v.put("phone", d.phone());
        v.put("address", d.address());
        v.put("bloodTypeAbo", d.bloodTypeAbo());
        v.put("bloodTypeRh", d.bloodTypeRh());
        v.put("medicalAlerts", d.medicalAlerts());
        v.put("photo", d.photo());
        return v;
    }

    private static String str(Map<String, Object> v, String key) {
        Object o = v.get(key);
        return o == null ? null : o.toString();
    }
}
