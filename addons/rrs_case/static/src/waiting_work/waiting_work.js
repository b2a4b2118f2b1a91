/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

/**
 * The supervisor's start screen: the work waiting for them, one card per kind, each opening
 * the list behind its number. The numbers come from the server with the user's own rights.
 */
export class WaitingWork extends Component {
    static template = "rrs_case.WaitingWork";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ cards: [], loaded: false });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.cards = await this.orm.call("rrs.waiting.work", "rrs_get_cards", []);
        this.state.loaded = true;
    }

    get nothingWaiting() {
        return this.state.loaded && this.state.cards.every((card) => !card.count);
    }

    open(card) {
        return this.action.doAction(card.action, { additionalContext: card.context });
    }
}

registry.category("actions").add("rrs_waiting_work", WaitingWork);
