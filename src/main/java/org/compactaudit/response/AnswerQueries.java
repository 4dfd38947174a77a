package org.compactaudit.response;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Statements on the answer table (the page's save path writes through AnswerWriter). */
@ApplicationScoped
public class AnswerQueries {

    @Inject
    EntityManager em;

    public List<Answer> answersOf(long returnId) {
        return em.createQuery("select a from Answer a where a.agencyReturn.id = :r", Answer.class).setParameter("r", returnId)
                .getResultList();
    }

    public List<Answer> answersWithQuestionOf(long returnId) {
        return em.createQuery("select a from Answer a join fetch a.question where a.agencyReturn.id = :r", Answer.class)
                .setParameter("r", returnId).getResultList();
    }

    public Optional<Answer> answer(long returnId, long questionId) {
        return em.createQuery("select a from Answer a where a.agencyReturn.id = :r and a.question.id = :q", Answer.class)
                .setParameter("r", returnId).setParameter("q", questionId).getResultStream().findFirst();
    }
}
