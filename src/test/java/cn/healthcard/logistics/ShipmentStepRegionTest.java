package cn.healthcard.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShipmentStepRegionTest {

    @Test
    @DisplayName("APP-11 ORG-05 a shipment's steps take the narrower region of sender and receiver when one covers the other (a city's maker to its province's centre: the city; a province's centre to a county desk: the county), else the receiver's")
    void narrowerRegion() {
        assertThat(ShipmentService.stepRegion("620100", "620000")).isEqualTo("620100");
        assertThat(ShipmentService.stepRegion("620000", "620102")).isEqualTo("620102");
        assertThat(ShipmentService.stepRegion("620000", "620000")).isEqualTo("620000");
        assertThat(ShipmentService.stepRegion("000000", "620000")).isEqualTo("620000");
        assertThat(ShipmentService.stepRegion("620100", "000000")).isEqualTo("620100");
        // neither covers the other: the receiver's, whose people receive and count
        assertThat(ShipmentService.stepRegion("110000", "620102")).isEqualTo("620102");
    }
}
