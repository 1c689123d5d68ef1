package cn.healthcard.processadmin;

import cn.healthcard.workflow.ProcessRules;

import java.util.List;

/** A model failed the checks (422, each problem on its element); nothing was saved or deployed. */
public class ProcessCheckFailedException extends RuntimeException {

    private final transient List<ProcessRules.Problem> problems;

    public ProcessCheckFailedException(List<ProcessRules.Problem> problems) {
        super("流程模型未通过检查：" + problems.size() + " 个问题");
        this.problems = List.copyOf(problems);
    }

    public List<ProcessRules.Problem> problems() {
        return problems;
    }
}
