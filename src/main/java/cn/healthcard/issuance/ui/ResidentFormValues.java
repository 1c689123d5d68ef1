package cn.healthcard.issuance.ui;

import cn.healthcard.resident.ResidentData;
import cn.healthcard.workflow.FormValues;

import java.util.HashMap;
import java.util.Map;

/** Maps the fields of forms/card-application.form to and from {@link ResidentData}. */
final class ResidentFormValues {

    private ResidentFormValues() {
    }

    static ResidentData toData(FormValues v) {
        return new ResidentData(v.string("documentType"), v.string("documentNumber"), v.string("name"),
                v.string("sex"), v.string("ethnicity"), v.date("birthDate"), v.string("phone"), v.string("address"),
                v.string("bloodTypeAbo"), v.string("bloodTypeRh"), v.string("medicalAlerts"), v.bytes("photo"));
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
}
