import * as z from 'zod/mini';
import { NEED_IDS } from '../vocabulary/needs';

export const needIdSchema = /* @__PURE__ */ (() => z.enum(NEED_IDS))();
