/**
 * Cards and their state machine with history, temporary cards, card use from registered terminals, the blacklist and
 * its export, card-status search.
 *
 * <p>Cards, the state machine ({@code CardTransitions}) and history ({@code card_event}), temporary cards, card use from
 * terminals, the blacklist with its change log and export, the card-status search with exact counts per status
 * ({@code CardStatusSearch}, decision 009)
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "card 卡片",
        allowedDependencies = {"common", "crypto", "institution", "resident", "security", "shell", "workflow :: form"})
package cn.healthcard.card;
