package cn.healthcard.workflow;

import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

import java.util.Set;

/**
 * The {@code EXPRESSION} rule of {@link ProcessRules}: a value is parsed by the engine's own JUEL tree builder (so
 * string literals, escapes and braces are read exactly as the engine reads them), and the tree is walked. A method
 * call or property read is allowed only on an allowed bean ({@code bean.member}, one level) or, for
 * {@code execution}/{@code task}, a call of one of {@link ProcessRules#SAFE_EXECUTION_METHODS}. Bracket access,
 * functions and member access on anything else (a literal, a call's result, a variable) are refused. The cost is
 * bounded: a value longer than {@link #MAX_LENGTH} is refused unparsed ({@code EXPRESSION_TOO_LONG}), and a parse
 * that runs out of stack is a problem, not an error.
 */
final class ExpressionRule {

    /** The longest value holding an expression that is parsed; longer ones are refused. */
    static final int MAX_LENGTH = 2_000;
    private static final int MAX_DEPTH = 200;

    /** The features the engine's expression manager enables, and more: whatever it can parse, this parses too. */
    private static final Builder BUILDER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private ExpressionRule() {
    }

    /** Whether the text holds an expression at all (otherwise the engine reads it as literal text). */
    static boolean holdsExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** The problem with this value, or {@code null} when it may be evaluated. */
    static ProcessRules.Problem check(String id, String text, Set<String> beans) {
        if (!holdsExpression(text)) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            return new ProcessRules.Problem(id, "EXPRESSION_TOO_LONG", "表达式超过 " + MAX_LENGTH + " 个字符");
        }
        String refused;
        try {
            refused = refused(BUILDER.build(text).getRoot(), beans, 0);
        } catch (TreeBuilderException e) {
            refused = "不是有效的表达式: " + e.getMessage();
        } catch (StackOverflowError e) {
            refused = "表达式嵌套过深";
        }
        return refused == null ? null
                : new ProcessRules.Problem(id, "EXPRESSION", "表达式 " + shorten(text) + " 不允许: " + refused);
    }

    private static String refused(Node node, Set<String> beans, int depth) {
        if (node == null) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            return "表达式嵌套过深";
        }
        if (node instanceof AstFunction function) {
            return "不允许调用函数 " + function.getName();
        }
        if (node instanceof AstMethod method) {
            String member = member((AstProperty) method.getChild(0), beans, true);
            return member != null ? member : refused(method.getChild(1), beans, depth + 1);
        }
        if (node instanceof AstProperty property) {
            return member(property, beans, false);
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            String refused = refused(node.getChild(i), beans, depth + 1);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static String member(AstProperty property, Set<String> beans, boolean call) {
        if (!(property instanceof AstDot dot)) {
            return "不允许方括号取值";
        }
        String name = dot.toString().replaceFirst("^\\.\\s*", "");
        if (!(dot.getChild(0) instanceof AstIdentifier base)) {
            return "不允许对调用结果或字面量再取属性或调用方法 (" + name + ")";
        }
        if (beans.contains(base.getName())) {
            return null;
        }
        if (call && ("execution".equals(base.getName()) || "task".equals(base.getName()))
                && ProcessRules.SAFE_EXECUTION_METHODS.contains(name)) {
            return null;
        }
        return base.getName() + "." + name + " 不是允许的流程组件";
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
