/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * Factor-by-factor questionnaire for tablets and phones: one tap answers a question and is
 * saved at once on the server, so a dropped connection loses at most the tap in flight,
 * which is shown as not saved and can be tapped again.
 */
export class QuestionnaireField extends Component {
    static template = "rrs_assessment.QuestionnaireField";
    static props = { ...standardFieldProps };

    setup() {
        this.orm = useService("orm");
        this.state = useState({ loaded: false, index: 0, data: null, pending: {}, failed: {} });
        onWillStart(() => this.load(this.props.record.resId));
        onWillUpdateProps((next) => {
            if (next.record.resId !== this.props.record.resId || next.record.data.state !== this.props.record.data.state) {
                return this.load(next.record.resId);
            }
        });
    }

    async load(resId) {
        if (!resId) {
            this.state.data = null;
            this.state.loaded = true;
            return;
        }
        this.state.data = await this.orm.call("rrs.assessment", "get_questionnaire", [[resId]]);
        this.state.index = Math.min(this.state.index, Math.max(this.state.data.factors.length - 1, 0));
        this.state.loaded = true;
    }

    get factor() {
        return this.state.data && this.state.data.factors[this.state.index];
    }

    factorAnswered(factor) {
        return factor.questions.filter((q) => q.option_id).length;
    }

    factorLevel(factor) {
        return this.state.data.factor_levels[factor.id];
    }

    goTo(index) {
        this.state.index = index;
    }

    async choose(question, option) {
        if (!this.state.data.editable || this.state.pending[question.id]) {
            return;
        }
        const previous = question.option_id;
        question.option_id = option.id;
        this.state.pending[question.id] = true;
        delete this.state.failed[question.id];
        try {
            const summary = await this.orm.call("rrs.assessment", "save_answer", [
                [this.props.record.resId],
                question.id,
                option.id,
            ]);
            Object.assign(this.state.data, summary);
            // refresh stage, progress and level shown by the form, unless the worker is
            // typing in another field of it (never discard what they typed)
            if (!(await this.props.record.isDirty())) {
                await this.props.record.load();
            }
        } catch (error) {
            question.option_id = previous;
            this.state.failed[question.id] = true;
            throw error;
        } finally {
            delete this.state.pending[question.id];
        }
    }

    get notSavedText() {
        return _t("Not saved — check the connection and tap again.");
    }
}

export const questionnaireField = {
    component: QuestionnaireField,
    supportedTypes: ["one2many"],
    relatedFields: [],
};

registry.category("fields").add("rrs_questionnaire", questionnaireField);
