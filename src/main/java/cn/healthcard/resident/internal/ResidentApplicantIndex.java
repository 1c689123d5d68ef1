package cn.healthcard.resident.internal;

import cn.healthcard.resident.ResidentService;
import cn.healthcard.workflow.ApplicantIndex;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Lets the task inbox filter by applicant name or ID number through the keyed indexes. */
@Component
class ResidentApplicantIndex implements ApplicantIndex {

    private final ResidentService residents;

    ResidentApplicantIndex(ResidentService residents) {
        this.residents = residents;
    }

    @Override
    public Set<String> indexesFor(String query) {
        return query == null || query.isBlank() ? Set.of() : Set.of(residents.searchKeyFor(query));
    }
}
