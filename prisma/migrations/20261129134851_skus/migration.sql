-- CreateEnum
CREATE TYPE "SkuVersionState" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateTable
CREATE TABLE "Sku" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sharedWithAll" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sku_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SkuVersion" (
    "id" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "state" "SkuVersionState" NOT NULL DEFAULT 'DRAFT',
    "spec" JSONB NOT NULL,
    "overrides" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "SkuVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SkuShare" (
    "id" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SkuShare_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Sku_slug_key" ON "Sku"("slug");

-- CreateIndex
CREATE INDEX "SkuVersion_skuId_state_idx" ON "SkuVersion"("skuId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "SkuVersion_skuId_number_key" ON "SkuVersion"("skuId", "number");

-- CreateIndex
CREATE INDEX "SkuShare_orgId_idx" ON "SkuShare"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "SkuShare_skuId_orgId_projectId_key" ON "SkuShare"("skuId", "orgId", "projectId");

-- AddForeignKey
ALTER TABLE "SkuVersion" ADD CONSTRAINT "SkuVersion_skuId_fkey" FOREIGN KEY ("skuId") REFERENCES "Sku"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SkuShare" ADD CONSTRAINT "SkuShare_skuId_fkey" FOREIGN KEY ("skuId") REFERENCES "Sku"("id") ON DELETE CASCADE ON UPDATE CASCADE;
