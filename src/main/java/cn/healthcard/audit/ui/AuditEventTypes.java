package cn.healthcard.audit.ui;

import com.vaadin.flow.component.Component;

import java.util.List;

/** The event types an auditor can pick from (the list also accepts any other type typed in), and their labels. */
final class AuditEventTypes {

    static final List<String> KNOWN = List.of(
            "CardApplicationSubmitted", "CardApplicationResubmitted", "CardApplicationReviewed",
            "CardApplicationRejected", "CardApplicationWithdrawn", "ReviewEscalated", "CardProductionRequested", "CardReadyForPickup",
            "CardPickedUp", "CardRequestSubmitted", "CardRequestResubmitted", "CardRequestReviewed",
            "CardRequestRejected", "CardRequestWithdrawn", "CardRequestCompleted", "CardStatusChanged", "TemporaryCardChanged",
            "BlacklistEntryAdded", "BlacklistEntryRemoved", "TaskCreated", "TaskClaimed", "TaskUnclaimed",
            "TaskCompleted", "TaskCancelled", "PersonalDataRead", "UserSignedIn", "SignInFailed", "AuditSearched",
            "KeyCeremonyStarted", "KeyCeremonyCoSigned", "KeyCeremonyFailed", "KeyGenerated", "KeyUpdated",
            "KeyBackedUp", "KeyComponentHandedOver", "KeyBackupCompleted", "KeyComponentPresented",
            "KeyComponentUnavailable", "KeyComponentRejected", "KeyRecovered", "KeyDistributed", "KeyArchived",
            "KeyReceiverRegistered", "EhcSdkChanged", "EhcAppChanged", "GatewayRequestServed",
            "GatewayRequestRefused", "UserLockoutCleared", "ApiClientChanged", "ApiTokenIssued", "ProcessDeployed",
            "EngineOperationPerformed", "ResidentConflictFiled", "ResidentConflictReviewed", "ResidentDataCorrected",
            "ResidentConflictRejected",
            // filing (issue #12, decision 025)
            "ManufacturerRegistered", "ProductFilingSubmitted", "ProductFilingReviewed", "ProductFilingResubmitted",
            "ProductFilingWithdrawn", "ProductFiled", "ProductFilingRejected", "ProductFilingExpiryReminded",
            "ProductFilingLapsed", "ProductFilingRevoked", "ProductFilingModified", "FilingAttachmentDownloaded",
            "ProductInUseRegistered",
            // institution register and users (issue #12, decisions 023 and 024)
            "InstitutionRegistered", "InstitutionModified", "InstitutionCancelled", "InstitutionsImported",
            "InstitutionsExported", "UserCreated", "UserModified", "UserDisabled", "UserEnabled", "UserPasswordReset",
            "UserPasswordChanged", "UserChangeRequested", "UserChangeApproved", "UserChangeRejected",
            // production data file (issue #13, decision 026)
            "ProductionDataFileBuilt", "ProductionDataFileVerified", "ProductionDataFileRead",
            "ProductionDataFileRefused", "ProductionCardVoided",
            // logistics: shipments, warehouse and stock (issue #13, decision 029)
            "ShipmentCreated", "ShipmentDispatched", "ShipmentDelivered", "ShipmentReceiverRefused",
            "ShipmentCounted", "ShipmentDiscrepancyResolved", "ShipmentReceived", "WarehouseMoved",
            "CardIssuedFromStock", "ReceiverAuthorisationChanged", "StockConflict", "ReplacementCardsRequested",
            // card maker's floor (issue #13, decision 028)
            "FloorCaseStarted", "BatchFileReceived", "BatchFileRefused", "ProductionRunConfirmed",
            "BatchProductionRecorded", "HandoverRecorded", "ScrapRecorded", "DestructionCoSigned", "BatchCounted",
            "BatchSignedOff", "BatchBoxesSealed", "BatchStuckEscalated", "CardErrorReported", "StockMoved",
            "ReconciliationRecorded", "ReconciliationExplained", "ProductionLogged", "BoxIncidentChanged",
            "FloorStaffAssigned", "HandoverDiscrepancy", "FloorCaseStartAbandoned",
            // SAM cards (issue #14)
            "SamCardsRegistered", "SamCardsMoved", "SamBindingChanged", "SamChangeRequested", "SamChangeReviewed",
            "SamChangeResubmitted", "SamChangeWithdrawn", "SamStateChanged", "SamStatisticsExported",
            // SAM supply: applications, reports, plans, the maker's answers (issue #14, decision 031)
            "SamApplicationSubmitted", "SamApplicationReviewed", "SamApplicationResubmitted",
            "SamApplicationWithdrawn", "SamApplicationsReported", "SamPlanOrdered", "SamOrderAnswered",
            "SamOrderFailed",
            // taskops (issue #15, decision 034): task operations
            "TaskCommented", "CaseCommented", "TaskAttachmentAdded", "TaskAttachmentRead", "TaskDelegated",
            "TaskResolved", "CoApproverAdded", "CoApprovalDecided", "TaskSentBack",
            "CoApprovalOverridden", "CaseTimelineRead",
            // process administration: reviewed process changes and instance migration (issue #15, decision 032)
            "ProcessChangeSubmitted", "ProcessChangeResubmitted", "ProcessChangeReviewed", "ProcessChangeDeployed",
            "ProcessChangeWithdrawn", "ProcessInstancesMigrated",
            // supervision statistics (issue #16, decision 036): the cases behind a number were read
            "StatisticsCasesRead", "StatisticsCaseRead",
            // export (issue #16, decision 038): exports of the supervision tables
            "StatisticsExported", "StatisticsExportDownloaded",
            // monthly reports (issue #16, decision 037)
            "MonthlyReportsOpened", "MonthlyReportGenerated", "MonthlyReportReviewed", "MonthlyReportPublished",
            "MonthlyReportDownloaded");

    private AuditEventTypes() {
    }

    /** The event type's label in the UI language ({@code audit.event.<type>}), or the type itself when it has none. */
    static String label(Component component, String type) {
        String label = component.getTranslation("audit.event." + type);
        return label.startsWith("!") ? type : label;
    }
}
