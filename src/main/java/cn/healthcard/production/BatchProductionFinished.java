package cn.healthcard.production;

/** The personalisation line has answered for every card of a batch: how many were made, failed or destroyed. */
public record BatchProductionFinished(String batchNo, String makerCode, int produced, int failed, int destroyed) {
}
