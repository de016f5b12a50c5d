import * as z from 'zod/mini';
import { NEED_IDS } from '../vocabulary/needs';

export const needIdSchema = z.enum(NEED_IDS);
